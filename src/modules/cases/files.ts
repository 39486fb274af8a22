import { type Kysely, sql } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole, territoryOf } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { parisClock, parisDate } from '../../platform/time/paris.js';
import { PARTS } from './reference.js';
import { type CaseDeps, eventNoteContext } from './deps.js';
import { CASE_ROLES, type FileAccess, type FileFacts, fileAccess, PART_OF } from './policy.js';
import type { EventCategory } from './reference.js';
import type { CaseEvent, CaseFile, CaseInput, CaseSummary } from './schemas.js';
import { type CaseRow, caseQueries, identityCipher, summary, UUID, validateCaseInput } from './queries.js';

export { isDate, UUID } from './queries.js';

/**
 * Case files: opened from an alert or directly, read on a need-to-know basis (every read logged), identity
 * encrypted per field and shown only where the person's consent covers the reader's organisation.
 */
/** Dated entries and the part they belong to. */
const DATED_PART: Record<string, string> = {
  hearing: 'proceedings',
  trial: 'proceedings',
  reflection_period: 'residence',
  opp: 'minor',
};

export function createCaseFiles(deps: CaseDeps) {
  const { db, cipher, clock, alerts, placementReferences } = deps;
  const q = caseQueries(db);
  const { identityOf, encryptIdentity } = identityCipher(cipher);

  type Loaded = {
    organisations: Awaited<ReturnType<typeof q.organisations>>;
    consents: Awaited<ReturnType<typeof q.consents>>;
  };

  async function facts(
    executor: Kysely<DB>,
    actor: Actor,
    row: NonNullable<CaseRow>,
    loaded: Loaded,
  ): Promise<FileFacts> {
    const { organisations, consents } = loaded;
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
    // Loaded once: the access check and the file's view both use them.
    const loaded: Loaded = {
      organisations: await q.organisations(executor, row.id),
      consents: await q.consents(executor, row.id),
    };
    const fileFacts = await facts(executor, actor, row, loaded);
    const access = fileAccess(actor, fileFacts);
    return { row, facts: fileFacts, access, loaded };
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

  /** The next dated entry of each file, among the parts the reader sees (a partner without proceedings sees no trial). */
  async function nextDates(caseIds: readonly string[], partsOf: (caseId: string) => ReadonlySet<string>) {
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
    for (const r of rows) {
      if (!next.has(r.case_id) && partsOf(r.case_id).has(DATED_PART[r.kind]!))
        next.set(r.case_id, { kind: r.kind, on: r.on });
    }
    return next;
  }

  return {
    open,
    logAccess,
    facts,

    /** Opens a file for the actor's organisation (the lead), from an alert or directly. */
    async create(
      actor: Actor,
      audit: AuditContext,
      input: CaseInput,
    ): Promise<{ id: string; reference: string }> {
      if (!hasRole(actor, ...CASE_ROLES)) throw new ForbiddenError();
      const errors: Record<string, string> = {};
      validateCaseInput(input, errors);
      let alert: Awaited<ReturnType<typeof alerts.caseContext>> | undefined;
      if (input.alertId && !UUID.test(input.alertId)) errors.alertId = 'cases.errors.alertUnknown';
      else if (input.alertId) {
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
    /** `opened`: the file as `open` already gave it to the caller (the page checks break-glass first). */
    async read(
      actor: Actor,
      id: string,
      via: 'page' | 'api',
      opened?: Awaited<ReturnType<typeof open>>,
    ): Promise<CaseFile> {
      const { row, access, loaded } = opened ?? (await open(actor, id));
      if (!access.as) throw new NotFoundError();
      await logAccess(actor, id, via === 'api' ? 'api_read' : 'read', via);
      if (access.identity) await logAccess(actor, id, 'read_identity', via);
      return this.present(row, access, loaded);
    },

    /** Builds the file's view for an access already checked (and logged). */
    async present(row: NonNullable<CaseRow>, access: FileAccess, loaded: Loaded): Promise<CaseFile> {
      const { organisations, consents } = loaded;
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
      const next = (await nextDates([row.id], () => access.parts)).get(row.id);
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
      let coordinatorList = false;
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
        coordinatorList = true;
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
      // Dates only where the actor's organisation sees the part they belong to; none for a coordinator's list.
      const mine = coordinatorList
        ? []
        : await db
            .selectFrom('case_organisations')
            .select(['case_id', 'role', 'parts'])
            .where('organisation_id', '=', actor.organisation.id)
            .where(
              'case_id',
              'in',
              rows.length > 0 ? rows.map((r) => r.id) : ['00000000-0000-0000-0000-000000000000'],
            )
            .execute();
      const parts = new Map(
        mine.map((m) => [m.case_id, new Set<string>(m.role === 'lead' ? PARTS : m.parts)]),
      );
      const next = await nextDates(
        rows.map((r) => r.id),
        (id) => parts.get(id) ?? new Set(),
      );
      return rows.map((r) => summary(r, next.get(r.id)));
    },
  };
}

export type CaseFiles = ReturnType<typeof createCaseFiles>;
