import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/index.js';
import type { DB } from '../db/schema.js';

export type RealtimeListener = (payload: unknown) => void;

/**
 * Events that cross instances: published with NOTIFY inside the writer's transaction (so they leave only if it
 * commits), received through one LISTEN per channel per instance, fanned out to in-process subscribers (SSE
 * streams). A notification is a hint: subscribers re-read what they show, so a lost one costs freshness only.
 * Payloads carry identifiers and codes, never personal data (NOTIFY payloads are limited to 8 kB).
 */
export function createRealtime(database: Database) {
  const listeners = new Map<string, Set<RealtimeListener>>();
  const unlisteners = new Map<string, Promise<() => Promise<void>>>();

  function deliver(channel: string, raw: string): void {
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      return;
    }
    for (const listener of listeners.get(channel) ?? []) listener(payload);
  }

  return {
    async publish(executor: Kysely<DB>, channel: string, payload: object): Promise<void> {
      await sql`SELECT pg_notify(${channel}, ${JSON.stringify(payload)})`.execute(executor);
    },

    /** Resolves once this instance listens on the channel. */
    async subscribe(channel: string, listener: RealtimeListener): Promise<() => void> {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
      }
      set.add(listener);
      let listening = unlisteners.get(channel);
      if (!listening) {
        listening = database.listen(channel, (raw) => deliver(channel, raw));
        unlisteners.set(channel, listening);
      }
      await listening;
      return () => {
        set.delete(listener);
      };
    },

    async close(): Promise<void> {
      listeners.clear();
      for (const pending of unlisteners.values()) await (await pending)().catch(() => {});
      unlisteners.clear();
    },
  };
}

export type Realtime = ReturnType<typeof createRealtime>;
