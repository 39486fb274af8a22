import type { Kysely } from 'kysely';
import OpeningHours from 'opening_hours';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';

/** The fields an organisation may propose to change on its own entries. */
export const EDITABLE = ['name', 'description', 'opening_hours', 'phone', 'email', 'url'] as const;
export type Editable = (typeof EDITABLE)[number];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Organisations keep their own entries true: any member proposes changes to a service of its organisation;
 * editors see the difference field by field and accept (the entry is updated and marked verified) or reject.
 */
export function createProposals(deps: { db: Kysely<DB>; clock: Clock; changed?: () => void }) {
  const { db, clock } = deps;
  const mayDecide = (actor: Actor) => hasRole(actor, 'content_editor', 'coordinator', 'national_admin');

  function services() {
    return db
      .selectFrom('directory_services as s')
      .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
      .select([
        's.id',
        's.name',
        's.description',
        's.opening_hours',
        's.phone',
        's.email',
        's.url',
        'o.organisation_id',
        'o.name as organisation',
      ]);
  }

  return {
    /** The directory services of the actor's organisation. */
    async mine(actor: Actor) {
      return services().where('o.organisation_id', '=', actor.organisation.id).orderBy('s.name').execute();
    },

    async propose(
      actor: Actor,
      audit: AuditContext,
      serviceId: string,
      input: Partial<Record<Editable, string>>,
    ): Promise<void> {
      const current = UUID.test(serviceId)
        ? await services().where('s.id', '=', serviceId).executeTakeFirst()
        : undefined;
      if (!current || current.organisation_id !== actor.organisation.id) throw new NotFoundError();
      const errors: Record<string, string> = {};
      const changes: Record<string, string | null> = {};
      for (const field of EDITABLE) {
        if (input[field] === undefined) continue;
        const value = input[field]!.trim() || null;
        if ((current[field] ?? null) !== value) changes[field] = value;
      }
      if (
        changes.name !== undefined &&
        (!changes.name || changes.name.length < 2 || /[<>]/.test(changes.name))
      )
        errors.name = 'directory.errors.name';
      if (changes.opening_hours) {
        try {
          new OpeningHours(changes.opening_hours, null);
        } catch {
          errors.opening_hours = 'directory.errors.hours';
        }
      }
      if (changes.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(changes.email))
        errors.email = 'directory.errors.email';
      if (changes.url && !/^https?:\/\/\S+$/.test(changes.url)) errors.url = 'directory.errors.url';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      if (Object.keys(changes).length === 0)
        throw new ValidationError({ _form: 'directory.errors.noChange' });
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('directory_proposals')
          .values({
            service_id: serviceId,
            proposed_by: actor.userId,
            changes: JSON.stringify(changes),
            created_at: now,
          })
          .execute();
        await appendAudit(
          trx,
          audit,
          {
            action: 'directory.change_proposed',
            targetType: 'directory_service',
            targetId: serviceId,
            details: { fields: Object.keys(changes) },
          },
          now,
        );
      });
    },

    /** Pending proposals with, field by field, the current and the proposed value. */
    async pending(actor: Actor) {
      if (!mayDecide(actor)) throw new ForbiddenError();
      const rows = await db
        .selectFrom('directory_proposals as p')
        .innerJoin('directory_services as s', 's.id', 'p.service_id')
        .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
        .select([
          'p.id',
          'p.changes',
          'p.created_at',
          's.name',
          's.description',
          's.opening_hours',
          's.phone',
          's.email',
          's.url',
          'o.name as organisation',
        ])
        .where('p.status', '=', 'pending')
        .orderBy('p.created_at')
        .limit(100)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        service: r.name,
        organisation: r.organisation,
        createdAt: r.created_at,
        diff: Object.entries(r.changes).map(([field, proposed]) => ({
          field,
          current: (r as Record<string, unknown>)[field] as string | null,
          proposed: proposed as string | null,
        })),
      }));
    },

    async decide(actor: Actor, audit: AuditContext, id: string, accept: boolean): Promise<void> {
      if (!mayDecide(actor)) throw new ForbiddenError();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const proposal = UUID.test(id)
          ? await trx
              .selectFrom('directory_proposals')
              .selectAll()
              .where('id', '=', id)
              .forUpdate()
              .executeTakeFirst()
          : undefined;
        if (!proposal) throw new NotFoundError();
        if (proposal.status !== 'pending') throw new ConflictError('directory.errors.decided');
        await trx
          .updateTable('directory_proposals')
          .set({ status: accept ? 'accepted' : 'rejected', decided_by: actor.userId, decided_at: now })
          .where('id', '=', id)
          .execute();
        if (accept) {
          const changes = Object.fromEntries(
            Object.entries(proposal.changes).filter(([field]) =>
              (EDITABLE as readonly string[]).includes(field),
            ),
          );
          await trx
            .updateTable('directory_services')
            .set({ ...changes, last_verified_at: now, updated_at: now })
            .where('id', '=', proposal.service_id)
            .execute();
        }
        await appendAudit(
          trx,
          audit,
          {
            action: accept ? 'directory.change_accepted' : 'directory.change_rejected',
            targetType: 'directory_service',
            targetId: proposal.service_id,
          },
          now,
        );
      });
      if (accept) deps.changed?.();
    },
  };
}

export type Proposals = ReturnType<typeof createProposals>;
