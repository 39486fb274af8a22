import { type Kysely, sql } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';

/** Entries not verified for this long are flagged, on their page and for the editors. */
export const STALE_AFTER_MONTHS = 12;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function staleSince(now: Date): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - STALE_AFTER_MONTHS);
  return d;
}

/**
 * Keeping the directory true: anyone may report an error on a public place; content editors and coordinators see
 * the open reports and the entries not verified for 12 months, close reports and mark entries verified.
 */
export function createUpkeep(deps: { db: Kysely<DB>; clock: Clock; changed?: () => void }) {
  const { db, clock } = deps;
  const mayEdit = (actor: Actor) => hasRole(actor, 'content_editor', 'coordinator', 'national_admin');

  return {
    async report(placeId: string, message: string): Promise<void> {
      const text = message.trim();
      if (text.length < 5) throw new ValidationError({ message: 'directory.errors.reportShort' });
      if (text.length > 1000) throw new ValidationError({ message: 'directory.errors.reportLong' });
      const place = UUID.test(placeId)
        ? await db
            .selectFrom('directory_service_at_locations as sal')
            .innerJoin('directory_services as s', 's.id', 'sal.service_id')
            .innerJoin('directory_locations as l', 'l.id', 'sal.location_id')
            .select('sal.id')
            .where('sal.id', '=', placeId)
            .where('s.visibility', '=', 'public')
            .where('l.visibility', '=', 'public')
            .executeTakeFirst()
        : undefined;
      if (!place) throw new NotFoundError();
      await db
        .insertInto('directory_reports')
        .values({ service_at_location_id: place.id, message: text, created_at: clock.now() })
        .execute();
    },

    async worklist(actor: Actor) {
      if (!mayEdit(actor)) throw new ForbiddenError();
      const reports = await db
        .selectFrom('directory_reports as r')
        .innerJoin('directory_service_at_locations as sal', 'sal.id', 'r.service_at_location_id')
        .innerJoin('directory_services as s', 's.id', 'sal.service_id')
        .select(['r.id', 'r.message', 'r.created_at', 'sal.id as place_id', 's.name as service'])
        .where('r.status', '=', 'open')
        .orderBy('r.created_at')
        .limit(200)
        .execute();
      const stale = await db
        .selectFrom('directory_services as s')
        .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
        .select(['s.id', 's.name', 'o.name as organisation', 's.last_verified_at', 's.visibility'])
        .where((eb) =>
          eb.or([
            eb('s.last_verified_at', 'is', null),
            eb('s.last_verified_at', '<', staleSince(clock.now())),
          ]),
        )
        .where('s.is_synthetic', '=', false)
        .orderBy(sql`s.last_verified_at NULLS FIRST`)
        .limit(200)
        .execute();
      return { reports, stale };
    },

    async closeReport(actor: Actor, audit: AuditContext, id: string): Promise<void> {
      if (!mayEdit(actor)) throw new ForbiddenError();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const done = UUID.test(id)
          ? await trx
              .updateTable('directory_reports')
              .set({ status: 'closed', handled_by: actor.userId, handled_at: now })
              .where('id', '=', id)
              .where('status', '=', 'open')
              .executeTakeFirst()
          : undefined;
        if (!done || Number(done.numUpdatedRows) === 0) throw new NotFoundError();
        await appendAudit(
          trx,
          audit,
          { action: 'directory.report_closed', targetType: 'directory_report', targetId: id },
          now,
        );
      });
    },

    async markVerified(actor: Actor, audit: AuditContext, serviceId: string): Promise<void> {
      if (!mayEdit(actor)) throw new ForbiddenError();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const done = UUID.test(serviceId)
          ? await trx
              .updateTable('directory_services')
              .set({ last_verified_at: now, updated_at: now })
              .where('id', '=', serviceId)
              .executeTakeFirst()
          : undefined;
        if (!done || Number(done.numUpdatedRows) === 0) throw new NotFoundError();
        await appendAudit(
          trx,
          audit,
          { action: 'directory.verified', targetType: 'directory_service', targetId: serviceId },
          now,
        );
      });
      deps.changed?.();
    },
  };
}

export type Upkeep = ReturnType<typeof createUpkeep>;
