import type { Kysely } from 'kysely';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { HOUR } from '../../platform/time/clock.js';
import type { Clock } from '../../platform/time/clock.js';
import type { CaseAlerts } from './deps.js';
import { CASE_ROLES } from './policy.js';

/** Case files and the alerts they come from: the alerts an organisation received without a file yet. */
export function createFromAlerts(deps: { db: Kysely<DB>; clock: Clock; alerts: CaseAlerts }) {
  const { db, clock, alerts } = deps;
  return {
    /** Alerts of the last 30 days received by the actor's organisation's desks, that no file is linked to yet. */
    async alertsToFollow(actor: Actor) {
      if (!hasRole(actor, ...CASE_ROLES)) return [];
      const received = await alerts.receivedByOrganisation(
        actor.organisation.id,
        new Date(clock.now().getTime() - 30 * 24 * HOUR),
      );
      if (received.length === 0) return [];
      const linked = new Set(
        (
          await db
            .selectFrom('case_links')
            .select('target_id')
            .where('kind', '=', 'alert')
            .where(
              'target_id',
              'in',
              received.map((a) => a.id),
            )
            .execute()
        ).map((l) => l.target_id),
      );
      return received
        .filter((a) => !linked.has(a.id))
        .map((a) => ({
          id: a.id,
          reference: a.reference,
          createdAt: a.created_at.toISOString(),
          hasMinor: a.has_minor,
          departement: a.departement_code,
          context: a.context,
        }));
    },

    /** What a file opened from this alert starts with; undefined when the actor may not use the alert. */
    async alertContext(actor: Actor, alertId: string) {
      try {
        return await alerts.caseContext(actor, alertId);
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },
  };
}

export type FromAlerts = ReturnType<typeof createFromAlerts>;
