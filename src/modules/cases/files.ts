import { type Kysely, sql } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole, territoryOf } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { HOUR } from '../../platform/time/clock.js';
import { parisClock, parisDate } from '../../platform/time/paris.js';
import { COUNTRY_CODES, EXPLOITATION_FORMS, GENDERS, isLanguageCode } from '../reference/index.js';
import { type CaseDeps, eventNoteContext, identityContext } from './deps.js';
import { CASE_ROLES, casePolicy, type FileAccess, type FileFacts, fileAccess, PART_OF } from './policy.js';
import {
  BREAK_GLASS_HOURS,
  CONSENT_SCOPES,
  type EventCategory,
  IDENTITY_COLUMNS,
  IDENTITY_FIELDS,
  type IdentityField,
} from './reference.js';
import type { AccessLogEntry, CaseEvent, CaseFile, CaseInput, CaseSummary, Identity } from './schemas.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(value: string | undefined | null): value is string {
  return (
    !!value &&
    DATE.test(value) &&
    !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime()) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
  );
}

type CaseRow = Awaited<ReturnType<ReturnType<typeof caseQueries>['row']>>;

/** The few queries every part of the module shares. */
export function caseQueries(db: Kysely<DB>) {
  return {
    row(executor: Kysely<DB>, id: string, forUpdate = false) {
      let query = executor
        .selectFrom('cases as c')
        .innerJoin('organisations as o', 'o.id', 'c.lead_organisation_id')
        .selectAll('c')
        .select(['o.name as lead_name', 'o.departement_code as lead_departement']);
      query = query.where('c.id', '=', id);
      if (forUpdate) query = query.forUpdate('c');
      return query.executeTakeFirst();
    },
    organisations(executor: Kysely<DB>, caseId: string) {
      return executor
        .selectFrom('case_organisations as co')
        .innerJoin('organisations as o', 'o.id', 'co.organisation_id')
        .select(['co.organisation_id', 'co.role', 'co.parts', 'o.name'])
        .where('co.case_id', '=', caseId)
        .orderBy('co.role')
        .execute();
    },
    consents(executor: Kysely<DB>, caseId: string) {
      return executor
        .selectFrom('case_consents as cc')
        .innerJoin('organisations as o', 'o.id', 'cc.organisation_id')
        .select(['cc.id', 'cc.organisation_id', 'cc.scopes', 'cc.given_at', 'cc.withdrawn_at', 'o.name'])
        .where('cc.case_id', '=', caseId)
        .orderBy('cc.given_at')
        .execute();
    },
    db,
  };
}

/**
 * Case files: opened from an alert or directly, read on a need-to-know basis (every read logged), identity
 * encrypted per field and shown only where the person's consent covers the reader's organisation.
 */
export function createCaseFiles(deps: CaseDeps) {
  const { db, cipher, clock, alerts, placementReferences } = deps;
  const q = caseQueries(db);

  async function facts(executor: Kysely<DB>, actor: Actor, row: NonNullable<CaseRow>): Promise<FileFacts> {
    const organisations = await q.organisations(executor, row.id);
    const consents = await q.consents(executor, row.id);
    const now = clock.now();
    const glass = hasRole(actor, 'coordinator')
      ? await executor
          .selectFrom('case_break_glass')
          .select('id')
          .where('case_id', '=', row.id)
          .where('user_id', '=', actor.userId)
          .where('expires_at', '>', now)
          .executeTakeFirst()
      : undefined;
    return {
      leadOrganisationId: row.lead_organisation_id,
      leadDepartement: row.lead_departement,
      organisations: organisations.map((o) => ({
        organisationId: o.organisation_id,
        role: o.role,
        parts: o.parts,
      })),
      identityConsents: new Set(
        consents
          .filter((c) => !c.withdrawn_at && c.scopes.includes('identity'))
          .map((c) => c.organisation_id),
      ),
      breakGlass: !!glass,
    };
  }

  /** The file and the actor's access to it; a file the actor may not see does not exist for them. */
  async function open(actor: Actor, id: string, executor: Kysely<DB> = db) {
    const row = UUID.test(id) ? await q.row(executor, id) : undefined;
    if (!row) throw new NotFoundError();
    const fileFacts = await facts(executor, actor, row);
    const access = fileAccess(actor, fileFacts);
    return { row, facts: fileFacts, access };
  }

  async function logAccess(
    actor: Actor,
    caseId: string,
    action: 'read' | 'read_identity' | 'break_glass' | 'export' | 'api_read',
    via: 'page' | 'api' | 'admin',
    executor: Kysely<DB> = db,
  ) {
    await executor
      .insertInto('case_access_log')
      .values({
        case_id: caseId,
        user_id: actor.userId,
        organisation_id: actor.organisation.id,
        at: clock.now(),
        action,
        via,
      })
      .execute();
  }

  function identityOf(row: NonNullable<CaseRow>): Identity {
    const identity: Record<string, string> = {};
    for (const field of IDENTITY_FIELDS) {
      const column = IDENTITY_COLUMNS[field];
      const value = row[column];
      if (value) identity[field] = cipher.decrypt(value, identityContext(column)(row.id));
    }
    return identity;
  }

  function encryptIdentity(caseId: string, identity: Identity) {
    const values: Partial<Record<(typeof IDENTITY_COLUMNS)[IdentityField], string | null>> = {};
    for (const field of IDENTITY_FIELDS) {
      const column = IDENTITY_COLUMNS[field];
      const text = identity[field]?.trim();
      values[column] = text ? cipher.encrypt(text, identityContext(column)(caseId)) : null;
    }
    return values;
  }

  async function nextDates(caseIds: readonly string[]) {
    if (caseIds.length === 0) return new Map<string, { kind: string; on: string }>();
    const today = parisDate(clock.now());
    const rows = await db
      .selectFrom('case_events')
      .select(['case_id', 'kind', sql<string>`COALESCE(ends_on, occurred_on)`.as('on')])
      .where('case_id', 'in', [...caseIds])
      .where('kind', 'in', ['hearing', 'trial', 'reflection_period', 'opp'])
      .where(sql<boolean>`COALESCE(ends_on, occurred_on) >= ${today}`)
      .orderBy(sql`COALESCE(ends_on, occurred_on)`)
      .execute();
    const next = new Map<string, { kind: string; on: string }>();
    for (const r of rows) if (!next.has(r.case_id)) next.set(r.case_id, { kind: r.kind, on: r.on });
    return next;
  }

  function summary(row: NonNullable<CaseRow>, next: { kind: string; on: string } | undefined): CaseSummary {
    return {
      id: row.id,
      reference: row.reference,
      status: row.status,
      minor: row.minor,
      age: row.age,
      gender: row.gender,
      leadOrganisation: row.lead_name,
      pilotTags: row.pilot_tags,
      openedAt: row.opened_at.toISOString(),
      closedAt: row.closed_at ? row.closed_at.toISOString() : null,
      outcome: row.outcome,
      nextDate: next ?? null,
    };
  }

  function validateInput(input: CaseInput, errors: Record<string, string>) {
    if (input.age !== undefined && (!Number.isInteger(input.age) || input.age < 0 || input.age > 120))
      errors.age = 'cases.errors.age';
    if (input.minor && input.age !== undefined && input.age >= 18) errors.age = 'cases.errors.minorAge';
    if (input.gender && !(GENDERS as readonly string[]).includes(input.gender))
      errors.gender = 'cases.errors.gender';
    if (input.nationality && !COUNTRY_CODES.includes(input.nationality))
      errors.nationality = 'cases.errors.nationality';
    if ((input.languages ?? []).some((l) => !isLanguageCode(l))) errors.languages = 'cases.errors.language';
    (input.exploitation ?? []).forEach((e, i) => {
      if (!(EXPLOITATION_FORMS as readonly string[]).includes(e.form))
        errors[`exploitation.${i}.form`] = 'cases.errors.form';
      if (e.from && !isDate(e.from)) errors[`exploitation.${i}.from`] = 'cases.errors.date';
      if (e.to && !isDate(e.to)) errors[`exploitation.${i}.to`] = 'cases.errors.date';
      if (e.from && e.to && isDate(e.from) && isDate(e.to) && e.to < e.from)
        errors[`exploitation.${i}.to`] = 'cases.errors.periodOrder';
    });
    if ((input.pilotTags ?? []).some((t) => !/^[a-z0-9-]{2,40}$/.test(t)))
      errors.pilotTags = 'cases.errors.tag';
    if (input.consent && input.consent.scopes.some((s) => !(CONSENT_SCOPES as readonly string[]).includes(s)))
      errors.consent = 'cases.errors.consentScope';
    if (
      input.identity &&
      Object.values(input.identity).some((v) => v?.trim()) &&
      !input.consent?.scopes.includes('identity')
    ) {
      errors['consent'] = 'cases.errors.identityWithoutConsent';
    }
  }

  return {
    open,
    logAccess,
    facts,

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

    /** Opens a file for the actor's organisation (the lead), from an alert or directly. */
    async create(
      actor: Actor,
      audit: AuditContext,
      input: CaseInput,
    ): Promise<{ id: string; reference: string }> {
      if (!hasRole(actor, ...CASE_ROLES)) throw new ForbiddenError();
      const errors: Record<string, string> = {};
      validateInput(input, errors);
      let alert: Awaited<ReturnType<typeof alerts.caseContext>> | undefined;
      if (input.alertId) {
        alert = await alerts.caseContext(actor, input.alertId).catch((error) => {
          if (error instanceof NotFoundError) return undefined;
          throw error;
        });
        if (!alert) errors.alertId = 'cases.errors.alertUnknown';
      }
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ n: number }>`SELECT nextval('case_reference_seq')::int AS n`.execute(
          trx,
        );
        const reference = `TEH-${parisClock(now).year}-${String(rows[0]!.n).padStart(6, '0')}`;
        const created = await trx
          .insertInto('cases')
          .values({
            reference,
            lead_organisation_id: actor.organisation.id,
            opened_by: actor.userId,
            opened_at: now,
            minor: input.minor,
            age: input.age ?? null,
            gender: input.gender ?? 'unknown',
            nationality: input.nationality ?? null,
            languages: [...new Set(input.languages ?? [])],
            exploitation: JSON.stringify(input.exploitation ?? []),
            pilot_tags: [...new Set(input.pilotTags ?? [])],
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (input.identity)
          await trx
            .updateTable('cases')
            .set(encryptIdentity(created.id, input.identity))
            .where('id', '=', created.id)
            .execute();
        await trx
          .insertInto('case_organisations')
          .values({
            case_id: created.id,
            organisation_id: actor.organisation.id,
            role: 'lead',
            parts: [],
            since: now,
          })
          .execute();
        if (input.consent) {
          await trx
            .insertInto('case_consents')
            .values({
              case_id: created.id,
              organisation_id: actor.organisation.id,
              scopes: [...new Set(input.consent.scopes)],
              given_at: input.consent.givenAt ? new Date(input.consent.givenAt) : now,
              recorded_by: actor.userId,
            })
            .execute();
        }
        if (alert)
          await trx
            .insertInto('case_links')
            .values({ case_id: created.id, kind: 'alert', target_id: alert.id, linked_at: now })
            .execute();
        await appendAudit(
          trx,
          audit,
          {
            action: 'case.opened',
            targetType: 'case',
            targetId: created.id,
            details: { fromAlert: !!alert },
          },
          now,
        );
        return { id: created.id, reference };
      });
    },

    /** The file as the actor may see it; writes an access-log row (two when identity is shown). */
    async read(actor: Actor, id: string, via: 'page' | 'api'): Promise<CaseFile> {
      const { row, access } = await open(actor, id);
      if (!access.as) throw new NotFoundError();
      await logAccess(actor, id, via === 'api' ? 'api_read' : 'read', via);
      if (access.identity) await logAccess(actor, id, 'read_identity', via);
      return this.present(row, access);
    },

    /** Builds the file's view for an access already checked (and logged). */
    async present(row: NonNullable<CaseRow>, access: FileAccess): Promise<CaseFile> {
      const organisations = await q.organisations(db, row.id);
      const consents = await q.consents(db, row.id);
      const links = await db
        .selectFrom('case_links')
        .selectAll()
        .where('case_id', '=', row.id)
        .orderBy('linked_at')
        .execute();
      const alertRefs = await alerts.references(
        links.filter((l) => l.kind === 'alert').map((l) => l.target_id),
      );
      const placementRefs = await placementReferences(
        links.filter((l) => l.kind === 'placement').map((l) => l.target_id),
      );
      const categories = (Object.keys(PART_OF) as EventCategory[]).filter((c) =>
        access.parts.has(PART_OF[c]),
      );
      const events =
        categories.length === 0
          ? []
          : await db
              .selectFrom('case_events as e')
              .leftJoin('organisations as o', 'o.id', 'e.organisation_id')
              .selectAll('e')
              .select('o.name as organisation_name')
              .where('e.case_id', '=', row.id)
              .where('e.category', 'in', categories)
              .orderBy('e.occurred_on', 'desc')
              .orderBy('e.created_at', 'desc')
              .execute();
      const next = (await nextDates([row.id])).get(row.id);
      const profile = access.parts.has('profile');
      return {
        ...summary(row, next),
        access: {
          as: access.as ?? 'none',
          parts: [...access.parts],
          identity: access.identity,
          canEdit: access.canEdit,
        },
        nationality: profile ? row.nationality : null,
        languages: profile ? row.languages : [],
        exploitation: profile ? row.exploitation : [],
        identity: access.identity && row.status !== 'anonymised' ? identityOf(row) : null,
        organisations: organisations.map((o) => ({
          id: o.organisation_id,
          name: o.name,
          role: o.role,
          parts: o.role === 'lead' ? [] : o.parts,
        })),
        consents: consents.map((c) => ({
          id: c.id,
          organisationId: c.organisation_id,
          organisation: c.name,
          scopes: c.scopes,
          givenAt: c.given_at.toISOString(),
          withdrawnAt: c.withdrawn_at ? c.withdrawn_at.toISOString() : null,
        })),
        links: links.map((l) => ({
          kind: l.kind,
          id: l.target_id,
          reference: (l.kind === 'alert' ? alertRefs : placementRefs).get(l.target_id) ?? null,
        })),
        events: events.map(
          (e): CaseEvent => ({
            id: e.id,
            category: e.category,
            kind: e.kind,
            occurredOn: e.occurred_on,
            endsOn: e.ends_on,
            details: e.details,
            note: e.note ? cipher.decrypt(e.note, eventNoteContext(e.id)) : null,
            organisation: e.organisation_name,
            alertId: e.alert_id,
            createdAt: e.created_at.toISOString(),
          }),
        ),
      };
    },

    /**
     * Files of the actor's organisation (lead or partner) for a case worker; of the territory for a coordinator.
     * Never identity.
     */
    async list(
      actor: Actor,
      filter: { status?: 'open' | 'closed' | 'all'; tag?: string } = {},
    ): Promise<CaseSummary[]> {
      let query = db
        .selectFrom('cases as c')
        .innerJoin('organisations as o', 'o.id', 'c.lead_organisation_id')
        .selectAll('c')
        .select(['o.name as lead_name', 'o.departement_code as lead_departement']);
      if (hasRole(actor, ...CASE_ROLES) && actor.mfaVerified) {
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('case_organisations as co')
              .select('co.case_id')
              .whereRef('co.case_id', '=', 'c.id')
              .where('co.organisation_id', '=', actor.organisation.id),
          ),
        );
      } else if (hasRole(actor, 'coordinator')) {
        const t = territoryOf(actor, ['coordinator']);
        if (!t.national)
          query = query.where(
            'o.departement_code',
            'in',
            t.departements.size > 0 ? [...t.departements] : ['-'],
          );
      } else {
        throw new ForbiddenError();
      }
      const status = filter.status ?? 'open';
      if (status !== 'all') query = query.where('c.status', '=', status);
      if (filter.tag) query = query.where(sql<boolean>`${filter.tag} = ANY(c.pilot_tags)`);
      const rows = await query.orderBy('c.opened_at', 'desc').limit(500).execute();
      const next = await nextDates(rows.map((r) => r.id));
      return rows.map((r) => summary(r, next.get(r.id)));
    },

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
      if (!UUID.test(placementId) || (await placementReferences([placementId])).size === 0)
        throw new ValidationError({ placementId: 'cases.errors.placementUnknown' });
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

export type CaseFiles = ReturnType<typeof createCaseFiles>;
