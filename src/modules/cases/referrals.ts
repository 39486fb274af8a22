import type { Transaction } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import type { DB } from '../../platform/db/schema.js';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { CaseDeps } from './deps.js';
import { type CaseFiles, UUID } from './files.js';
import { CASE_ROLES } from './policy.js';
import { PARTS } from './reference.js';
import type { Referral, ReferralInput } from './schemas.js';

/**
 * Referral (a partner joins, seeing only the parts the sender chose) and transfer (the lead changes) to another
 * organisation: it accepts or refuses with a reason; the sender may revoke.
 */
export function createCaseReferrals(deps: CaseDeps & { files: CaseFiles }) {
  const { db, clock, jobs, files } = deps;

  function query() {
    return db
      .selectFrom('case_referrals as r')
      .innerJoin('cases as c', 'c.id', 'r.case_id')
      .innerJoin('organisations as f', 'f.id', 'r.from_organisation_id')
      .innerJoin('organisations as t', 't.id', 'r.to_organisation_id')
      .selectAll('r')
      .select(['c.reference', 'f.name as from_name', 't.name as to_name']);
  }
  type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;
  const present = (r: Row): Referral => ({
    id: r.id,
    caseId: r.case_id,
    reference: r.reference,
    kind: r.kind,
    from: r.from_name,
    to: r.to_name,
    parts: r.parts,
    status: r.status,
    reason: r.reason,
    createdAt: r.created_at.toISOString(),
  });

  async function caseWorkersOf(organisationId: string): Promise<number> {
    const row = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', organisationId)
      .where('status', '=', 'active')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('grants')
            .select('grants.id')
            .whereRef('grants.user_id', '=', 'users.id')
            .where('grants.role', '=', 'case_worker'),
        ),
      )
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function decidable(actor: Actor, id: string) {
    const row = UUID.test(id) ? await query().where('r.id', '=', id).executeTakeFirst() : undefined;
    if (
      !row ||
      !hasRole(actor, ...CASE_ROLES) ||
      !actor.mfaVerified ||
      row.to_organisation_id !== actor.organisation.id
    )
      throw new NotFoundError();
    if (row.status !== 'pending') throw new ConflictError('cases.errors.referralDecided');
    return row;
  }

  /** Inside the decision's transaction: the referral row locked, still pending (a parallel answer or revocation lost). */
  async function lockPending(trx: Transaction<DB>, id: string) {
    const row = await trx
      .selectFrom('case_referrals')
      .select(['status'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (row.status !== 'pending') throw new ConflictError('cases.errors.referralDecided');
  }

  return {
    async create(actor: Actor, audit: AuditContext, caseId: string, input: ReferralInput): Promise<Referral> {
      const { row, access, facts } = await files.open(actor, caseId);
      if (!access.as) throw new NotFoundError();
      if (!access.canEdit) throw new ForbiddenError('cases.errors.leadOnly');
      if (row.status !== 'open') throw new ConflictError('cases.errors.closed');
      const errors: Record<string, string> = {};
      const parts = [...new Set(input.parts)];
      if (parts.length === 0 || parts.some((p) => !(PARTS as readonly string[]).includes(p)))
        errors.parts = 'cases.errors.parts';
      const target = UUID.test(input.organisationId)
        ? await db
            .selectFrom('organisations')
            .select(['id', 'active'])
            .where('id', '=', input.organisationId)
            .executeTakeFirst()
        : undefined;
      if (!target?.active) errors.organisationId = 'cases.errors.organisationUnknown';
      else if (target.id === row.lead_organisation_id) errors.organisationId = 'cases.errors.referralToSelf';
      else if (input.kind === 'referral' && facts.organisations.some((o) => o.organisationId === target.id))
        errors.organisationId = 'cases.errors.alreadyPartner';
      else if ((await caseWorkersOf(target.id)) === 0) errors.organisationId = 'cases.errors.noCaseWorkers';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const pending = await db
        .selectFrom('case_referrals')
        .select('id')
        .where('case_id', '=', caseId)
        .where('to_organisation_id', '=', input.organisationId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (pending) throw new ConflictError('cases.errors.referralPending');
      const now = clock.now();
      const id = await db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto('case_referrals')
          .values({
            case_id: caseId,
            kind: input.kind,
            from_organisation_id: row.lead_organisation_id,
            to_organisation_id: input.organisationId,
            parts,
            created_by: actor.userId,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(
          trx,
          audit,
          {
            action: `case.${input.kind}_sent`,
            targetType: 'case',
            targetId: caseId,
            details: { to: input.organisationId, parts },
          },
          now,
        );
        await jobs.send('cases.notify', { caseId, kind: 'referral', referralId: created.id }, { trx });
        return created.id;
      });
      return present(await query().where('r.id', '=', id).executeTakeFirstOrThrow());
    },

    /** Organisations a file can be referred to: active, with at least one active case worker, not the actor's own. */
    async targets(actor: Actor): Promise<Array<{ value: string; label: string }>> {
      const rows = await db
        .selectFrom('organisations as o')
        .select(['o.id', 'o.name'])
        .where('o.active', '=', true)
        .where('o.id', '!=', actor.organisation.id)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('users as u')
              .innerJoin('grants as g', 'g.user_id', 'u.id')
              .select('u.id')
              .whereRef('u.organisation_id', '=', 'o.id')
              .where('u.status', '=', 'active')
              .where('g.role', '=', 'case_worker'),
          ),
        )
        .orderBy('o.name')
        .execute();
      return rows.map((r) => ({ value: r.id, label: r.name }));
    },

    /** Referrals of a file (its lead and partners see them). */
    async forCase(actor: Actor, caseId: string): Promise<Referral[]> {
      const { access } = await files.open(actor, caseId);
      if (!access.as) throw new NotFoundError();
      return (await query().where('r.case_id', '=', caseId).orderBy('r.created_at', 'desc').execute()).map(
        present,
      );
    },

    /** Referrals waiting for the actor's organisation. */
    async incoming(actor: Actor): Promise<Referral[]> {
      if (!hasRole(actor, ...CASE_ROLES)) return [];
      return (
        await query()
          .where('r.to_organisation_id', '=', actor.organisation.id)
          .where('r.status', '=', 'pending')
          .orderBy('r.created_at')
          .execute()
      ).map(present);
    },

    async accept(actor: Actor, audit: AuditContext, id: string): Promise<Referral> {
      const referral = await decidable(actor, id);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom('cases')
          .select(['lead_organisation_id', 'status'])
          .where('id', '=', referral.case_id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (current.status !== 'open') throw new ConflictError('cases.errors.closed');
        await lockPending(trx, id);
        // Sent by a former lead (the file was transferred since): no longer valid.
        if (current.lead_organisation_id !== referral.from_organisation_id)
          throw new ConflictError('cases.errors.referralStale');
        await trx
          .updateTable('case_referrals')
          .set({ status: 'accepted', decided_by: actor.userId, decided_at: now })
          .where('id', '=', id)
          .execute();
        if (referral.kind === 'referral') {
          await trx
            .insertInto('case_organisations')
            .values({
              case_id: referral.case_id,
              organisation_id: referral.to_organisation_id,
              role: 'partner',
              parts: referral.parts,
              since: now,
            })
            .onConflict((oc) =>
              oc
                .columns(['case_id', 'organisation_id'])
                .doUpdateSet({ role: 'partner', parts: referral.parts }),
            )
            .execute();
        } else {
          // A transfer: the receiver leads; the former lead stays on the file with the parts that were sent.
          await trx
            .deleteFrom('case_organisations')
            .where('case_id', '=', referral.case_id)
            .where('organisation_id', '=', referral.to_organisation_id)
            .execute();
          await trx
            .updateTable('case_organisations')
            .set({ role: 'partner', parts: referral.parts })
            .where('case_id', '=', referral.case_id)
            .where('organisation_id', '=', current.lead_organisation_id)
            .execute();
          await trx
            .insertInto('case_organisations')
            .values({
              case_id: referral.case_id,
              organisation_id: referral.to_organisation_id,
              role: 'lead',
              parts: [],
              since: now,
            })
            .execute();
          await trx
            .updateTable('cases')
            .set({ lead_organisation_id: referral.to_organisation_id, updated_at: now })
            .where('id', '=', referral.case_id)
            .execute();
          // The former lead's other pending referrals of this file fall, and so does the identity consent it held:
          // it keeps only the parts it sent. The new lead records the person's consent with them.
          await trx
            .updateTable('case_referrals')
            .set({ status: 'revoked', decided_at: now })
            .where('case_id', '=', referral.case_id)
            .where('status', '=', 'pending')
            .where('id', '!=', id)
            .execute();
          await trx
            .updateTable('case_consents')
            .set({ withdrawn_at: now })
            .where('case_id', '=', referral.case_id)
            .where('organisation_id', '=', current.lead_organisation_id)
            .where('withdrawn_at', 'is', null)
            .execute();
        }
        await appendAudit(
          trx,
          audit,
          {
            action: `case.${referral.kind}_accepted`,
            targetType: 'case',
            targetId: referral.case_id,
            details: { referral: id },
          },
          now,
        );
        await jobs.send(
          'cases.notify',
          { caseId: referral.case_id, kind: 'referral_answer', referralId: id },
          { trx },
        );
      });
      return present(await query().where('r.id', '=', id).executeTakeFirstOrThrow());
    },

    async refuse(actor: Actor, audit: AuditContext, id: string, reason: string): Promise<Referral> {
      const referral = await decidable(actor, id);
      const text = reason.trim();
      if (text.length < 3) throw new ValidationError({ reason: 'cases.errors.reasonRequired' });
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await lockPending(trx, id);
        await trx
          .updateTable('case_referrals')
          .set({ status: 'refused', reason: text.slice(0, 500), decided_by: actor.userId, decided_at: now })
          .where('id', '=', id)
          .execute();
        await appendAudit(
          trx,
          audit,
          {
            action: `case.${referral.kind}_refused`,
            targetType: 'case',
            targetId: referral.case_id,
            details: { referral: id },
          },
          now,
        );
        await jobs.send(
          'cases.notify',
          { caseId: referral.case_id, kind: 'referral_answer', referralId: id },
          { trx },
        );
      });
      return present(await query().where('r.id', '=', id).executeTakeFirstOrThrow());
    },

    /** The lead withdraws a pending referral, or ends a partner's access. */
    async revoke(actor: Actor, audit: AuditContext, id: string): Promise<Referral> {
      const referral = UUID.test(id) ? await query().where('r.id', '=', id).executeTakeFirst() : undefined;
      if (!referral) throw new NotFoundError();
      const { access } = await files.open(actor, referral.case_id);
      if (!access.as) throw new NotFoundError();
      if (!access.canEdit) throw new ForbiddenError('cases.errors.leadOnly');
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        // Its status as of now, the row locked: an answer given meanwhile is taken into account.
        const { status } = await trx
          .selectFrom('case_referrals')
          .select('status')
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (
          status === 'refused' ||
          status === 'revoked' ||
          (status === 'accepted' && referral.kind === 'transfer')
        ) {
          throw new ConflictError('cases.errors.referralDecided');
        }
        await trx
          .updateTable('case_referrals')
          .set({ status: 'revoked', decided_by: actor.userId, decided_at: now })
          .where('id', '=', id)
          .execute();
        if (status === 'accepted') {
          await trx
            .deleteFrom('case_organisations')
            .where('case_id', '=', referral.case_id)
            .where('organisation_id', '=', referral.to_organisation_id)
            .where('role', '=', 'partner')
            .execute();
        }
        await appendAudit(
          trx,
          audit,
          {
            action: 'case.referral_revoked',
            targetType: 'case',
            targetId: referral.case_id,
            details: { referral: id },
          },
          now,
        );
      });
      return present(await query().where('r.id', '=', id).executeTakeFirstOrThrow());
    },
  };
}

export type CaseReferrals = ReturnType<typeof createCaseReferrals>;
