import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Realtime } from '../../platform/realtime/index.js';
import { createDeskRepository } from './desks-repository.js';
import type { DeskDef, RuleDef } from './routing.js';

export const ROUTING_CHANNEL = 'relais_routing';

/**
 * Rules and desks, read once and kept until any instance changes them (a NOTIFY on ROUTING_CHANNEL), so raising
 * an alert does not re-read the whole configuration.
 */
export function createRoutingCache(db: Kysely<DB>, realtime: Realtime) {
  const repository = createDeskRepository(db);
  let cached: Promise<{ rules: RuleDef[]; desks: DeskDef[] }> | undefined;
  let subscribed: Promise<unknown> | undefined;

  return {
    async get(): Promise<{ rules: RuleDef[]; desks: DeskDef[] }> {
      subscribed ??= realtime.subscribe(ROUTING_CHANNEL, () => {
        cached = undefined;
      });
      await subscribed;
      cached ??= Promise.all([repository.ruleDefs(), repository.deskDefs()]).then(([rules, desks]) => ({ rules, desks }));
      try {
        return await cached;
      } catch (error) {
        cached = undefined;
        throw error;
      }
    },
    /** Called in the transaction that changes rules or desks: every instance (this one included) forgets. */
    async changed(executor: Kysely<DB>): Promise<void> {
      cached = undefined;
      await realtime.publish(executor, ROUTING_CHANNEL, { at: Date.now() });
    },
  };
}

export type RoutingCache = ReturnType<typeof createRoutingCache>;
