import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/auth/roles.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { HOUR } from '../../platform/time/clock.js';
import type { CaseDeps } from './deps.js';
import type { CaseFiles } from './files.js';
import { casePolicy } from './policy.js';
import { caseQueries, identityCipher, UUID } from './queries.js';
import { BREAK_GLASS_HOURS, CONSENT_SCOPES } from './reference.js';
import type { AccessLogEntry, Identity } from './schemas.js';

/**
 * Who may read what on a file, once it exists: the identity the lead keeps, the person's consents, break-glass
 * for coordinators, the access log, links to placements.
 */
export function createCaseAccess(deps: CaseDeps & { files: CaseFiles }) {
  const { db, cipher, clock, files } = deps;
  const { open, logAccess } = files;
  const q = caseQueries(db);
  const { encryptIdentity } = identityCipher(cipher);

  return {
    /** The lead replaces the identity fields (an empty field erases it). */
    async updateIdentity(actor: Actor, audit: AuditContext, id: string, identity: Identity): Promise<void> {
      const { access, row } = await open(actor, id);
      if (!access.as) throw new NotFoundError();
      if (!access.canEdit || row.status === 'anonymised') throw new ForbiddenError('cases.errors.leadOnly');
      if (!access.identity) throw new ValidationError({ identity: 'cases.errors.identityWithoutConsent' });
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('cases')
          .set({ ...encryptIdentity(id, identity), updated_at: clock.now() })
          .where('id', '=', id)
          .execute();
        await appendAudit(
          trx,
          audit,
          { action: 'case.identity_updated', targetType: 'case', targetId: id },
          clock.now(),
        );
      });
    },

    /** Records the person's consent for an organisation of the file; withdrawing keeps the record. */
    async addConsent(
      actor: Actor,
      audit: AuditContext,
      id: string,
      input: { organisationId: string; scopes: string[] },
    ): Promise<void> {
      const { access, facts: fileFacts } = await open(actor, id);
      if (!access.as) throw new NotFoundError();
      if (!access.canEdit) throw new ForbiddenError('cases.errors.leadOnly');
      const errors: Record<string, string> = {};
      if (!fileFacts.organisations.some((o) => o.organisationId === input.organisationId))
        errors.organisationId = 'cases.errors.notOnFile';
      if (
        input.scopes.length === 0 ||
        input.scopes.some((s) => !(CONSENT_SCOPES as readonly string[]).includes(s))
      )
        errors.scopes = 'cases.errors.consentScope';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('case_consents')
          .values({
            case_id: id,
            organisation_id: input.organisationId,
            scopes: [...new Set(input.scopes)],
            given_at: now,
            recorded_by: actor.userId,
          })
          .execute();
        await appendAudit(
          trx,
          audit,
          {
            action: 'case.consent_given',
            targetType: 'case',
            targetId: id,
            details: { organisation: input.organisationId, scopes: input.scopes },
          },
          now,
        );
      });
    },

    async withdrawConsent(actor: Actor, audit: AuditContext, id: string, consentId: string): Promise<void> {
      const { access } = await open(actor, id);
      if (!access.as) throw new NotFoundError();
      if (!access.canEdit) throw new ForbiddenError('cases.errors.leadOnly');
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const done = UUID.test(consentId)
          ? await trx
              .updateTable('case_consents')
              .set({ withdrawn_at: now })
              .where('id', '=', consentId)
              .where('case_id', '=', id)
              .where('withdrawn_at', 'is', null)
              .executeTakeFirst()
          : undefined;
        if (!done || Number(done.numUpdatedRows) === 0) throw new NotFoundError();
        await appendAudit(
          trx,
          audit,
          {
            action: 'case.consent_withdrawn',
            targetType: 'case',
            targetId: id,
            details: { consent: consentId },
          },
          now,
        );
      });
    },

    /**
     * Break-glass: a coordinator of the lead's territory opens the file for a few hours with a written reason;
     * audited, logged on the file, and the lead's case workers are told by e-mail.
     */
    async breakGlass(actor: Actor, audit: AuditContext, id: string, reason: string): Promise<void> {
      const row = UUID.test(id) ? await q.row(db, id) : undefined;
      if (
        !row ||
        !casePolicy.mayBreakGlass(actor, {
          leadDepartement: row.lead_departement,
          leadOrganisationId: row.lead_organisation_id,
        })
      )
        throw new NotFoundError();
      const text = reason.trim();
      if (text.length < 10) throw new ValidationError({ reason: 'cases.errors.breakGlassReason' });
      if (text.length > 1000) throw new ValidationError({ reason: 'cases.errors.tooLong' });
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('case_break_glass')
          .values({
            case_id: id,
            user_id: actor.userId,
            reason: text,
            granted_at: now,
            expires_at: new Date(now.getTime() + BREAK_GLASS_HOURS * HOUR),
          })
          .execute();
        await logAccess(actor, id, 'break_glass', 'page', trx);
        await appendAudit(
          trx,
          audit,
          {
            action: 'case.break_glass',
            targetType: 'case',
            targetId: id,
            details: { hours: BREAK_GLASS_HOURS },
          },
          now,
        );
        await deps.jobs.send(
          'cases.notify',
          { caseId: id, kind: 'break_glass', actorUserId: actor.userId },
          { trx },
        );
      });
    },

    /** Who read the file, when (lead, partners, break-glass). */
    async accessLog(actor: Actor, id: string): Promise<AccessLogEntry[]> {
      const { access } = await open(actor, id);
      if (!access.as) throw new NotFoundError();
      const rows = await db
        .selectFrom('case_access_log as l')
        .leftJoin('users as u', 'u.id', 'l.user_id')
        .leftJoin('organisations as o', 'o.id', 'l.organisation_id')
        .select(['l.at', 'l.action', 'l.via', 'u.display_name', 'o.name'])
        .where('l.case_id', '=', id)
        .orderBy('l.at', 'desc')
        .orderBy('l.id', 'desc')
        .limit(200)
        .execute();
      return rows.map((r) => ({
        at: r.at.toISOString(),
        user: r.display_name,
        organisation: r.name,
        action: r.action,
        via: r.via,
      }));
    },

    /** Links a placement to the file (the placement module keeps its own data). */
    async linkPlacement(actor: Actor, audit: AuditContext, id: string, placementId: string): Promise<void> {
      const { access } = await open(actor, id);
      if (!access.as) throw new NotFoundError();
      if (!access.canEdit) throw new ForbiddenError('cases.errors.leadOnly');
      if (!UUID.test(placementId) || !(await deps.placementVisible(actor, placementId))) {
        throw new ValidationError({ placementId: 'cases.errors.placementUnknown' });
      }
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('case_links')
          .values({ case_id: id, kind: 'placement', target_id: placementId, linked_at: now })
          .onConflict((oc) => oc.doNothing())
          .execute();
        await appendAudit(
          trx,
          audit,
          { action: 'case.placement_linked', targetType: 'case', targetId: id },
          now,
        );
      });
    },
  };
}

export type CaseAccess = ReturnType<typeof createCaseAccess>;
