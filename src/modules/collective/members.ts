import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';
import { isUuid } from '../steering/plans.js';
import { mayOrganise } from './meetings.js';

/** The collective's member organisations, kept by the national coordination; new meetings invite them all. */
export function createMembers(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  return {
    /** Active organisations that are not members yet, for the coordinator's list. */
    async candidates() {
      return await db
        .selectFrom('organisations as o')
        .select(['o.id', 'o.name'])
        .where('o.active', '=', true)
        .where('o.id', 'not in', db.selectFrom('collective_members').select('organisation_id'))
        .orderBy('o.name')
        .execute();
    },

    async add(actor: Actor, audit: AuditContext, organisationId: string) {
      if (!mayOrganise(actor)) throw new ForbiddenError();
      const organisation = isUuid(organisationId)
        ? await db
            .selectFrom('organisations')
            .select('id')
            .where('id', '=', organisationId)
            .where('active', '=', true)
            .executeTakeFirst()
        : undefined;
      if (!organisation) throw new ValidationError({ organisationId: 'collective.errors.organisation' });
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('collective_members')
          .values({ organisation_id: organisation.id, joined_on: clock.now().toISOString().slice(0, 10) })
          .onConflict((oc) => oc.doNothing())
          .execute();
        await appendAudit(
          trx,
          audit,
          { action: 'collective.member.add', targetType: 'organisation', targetId: organisation.id },
          clock.now(),
        );
      });
    },

    async remove(actor: Actor, audit: AuditContext, organisationId: string) {
      if (!mayOrganise(actor)) throw new ForbiddenError();
      if (!isUuid(organisationId)) throw new NotFoundError();
      await db.transaction().execute(async (trx) => {
        const removed = await trx
          .deleteFrom('collective_members')
          .where('organisation_id', '=', organisationId)
          .executeTakeFirst();
        if (Number(removed.numDeletedRows) === 0) throw new NotFoundError();
        await appendAudit(
          trx,
          audit,
          { action: 'collective.member.remove', targetType: 'organisation', targetId: organisationId },
          clock.now(),
        );
      });
    },
  };
}

export type Members = ReturnType<typeof createMembers>;
