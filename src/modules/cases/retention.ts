import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import { type CaseDeps, eventNoteContext, identityContext } from './deps.js';
import { IDENTITY_COLUMNS, IDENTITY_FIELDS } from './reference.js';

const SYSTEM: AuditContext = {
  actorUserId: null,
  actorOrganisationId: null,
  requestId: 'job:cases.retention',
};

/** Months back from a date, on the calendar (the 31st falls back to the month's last day). */
function monthsBefore(date: Date, months: number): Date {
  const d = new Date(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/**
 * Retention and the person's rights: files closed for longer than the period are anonymised (identity and
 * free-text notes destroyed, the pseudonymous journal kept for the indicators); an administrator can export all
 * that is held about one person, and erase it.
 */
export function createCaseRetention(deps: CaseDeps) {
  const { db, cipher, clock, settings } = deps;

  async function byReference(actor: Actor, reference: string) {
    if (!hasRole(actor, 'national_admin')) throw new ForbiddenError();
    const row = await db
      .selectFrom('cases')
      .selectAll()
      .where('reference', '=', reference.trim().toUpperCase())
      .executeTakeFirst();
    if (!row) throw new NotFoundError();
    return row;
  }

  return {
    async anonymiseExpired(): Promise<number> {
      const now = clock.now();
      const before = monthsBefore(now, settings.retentionMonths);
      const due = await db
        .selectFrom('cases')
        .select('id')
        .where('status', '=', 'closed')
        .where('closed_at', '<', before)
        .limit(500)
        .execute();
      for (const { id } of due) {
        await db.transaction().execute(async (trx) => {
          await trx
            .updateTable('cases')
            .set({
              status: 'anonymised',
              anonymised_at: now,
              identity_names: null,
              identity_aliases: null,
              identity_birth_date: null,
              identity_contact: null,
              identity_documents: null,
              updated_at: now,
            })
            .where('id', '=', id)
            .execute();
          await trx.updateTable('case_events').set({ note: null }).where('case_id', '=', id).execute();
          // Free text written about the file elsewhere goes too.
          await trx.updateTable('case_referrals').set({ reason: null }).where('case_id', '=', id).execute();
          await trx
            .updateTable('case_break_glass')
            .set({ reason: '(effacée à l’anonymisation)' })
            .where('case_id', '=', id)
            .execute();
          await appendAudit(
            trx,
            SYSTEM,
            {
              action: 'case.anonymised',
              targetType: 'case',
              targetId: id,
              details: { months: settings.retentionMonths },
            },
            now,
          );
        });
      }
      return due.length;
    },

    /** Everything held about the person of one file (GDPR access request), identity decrypted. Logged. */
    async export(actor: Actor, audit: AuditContext, reference: string): Promise<Record<string, unknown>> {
      const row = await byReference(actor, reference);
      const identity: Record<string, string> = {};
      for (const field of IDENTITY_FIELDS) {
        const column = IDENTITY_COLUMNS[field];
        if (row[column]) identity[field] = cipher.decrypt(row[column]!, identityContext(column)(row.id));
      }
      const [organisations, consents, events, referrals, links, accessLog] = await Promise.all([
        db
          .selectFrom('case_organisations as co')
          .innerJoin('organisations as o', 'o.id', 'co.organisation_id')
          .select(['o.name', 'co.role', 'co.parts', 'co.since'])
          .where('co.case_id', '=', row.id)
          .execute(),
        db
          .selectFrom('case_consents as cc')
          .innerJoin('organisations as o', 'o.id', 'cc.organisation_id')
          .select(['o.name', 'cc.scopes', 'cc.given_at', 'cc.withdrawn_at'])
          .where('cc.case_id', '=', row.id)
          .execute(),
        db
          .selectFrom('case_events')
          .selectAll()
          .where('case_id', '=', row.id)
          .orderBy('occurred_on')
          .execute(),
        db.selectFrom('case_referrals').selectAll().where('case_id', '=', row.id).execute(),
        db.selectFrom('case_links').selectAll().where('case_id', '=', row.id).execute(),
        db.selectFrom('case_access_log').selectAll().where('case_id', '=', row.id).orderBy('at').execute(),
      ]);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('case_access_log')
          .values({
            case_id: row.id,
            user_id: actor.userId,
            organisation_id: actor.organisation.id,
            at: now,
            action: 'export',
            via: 'admin',
          })
          .execute();
        await appendAudit(trx, audit, { action: 'case.exported', targetType: 'case', targetId: row.id }, now);
      });
      return {
        exportedAt: now.toISOString(),
        reference: row.reference,
        status: row.status,
        openedAt: row.opened_at,
        closedAt: row.closed_at,
        outcome: row.outcome,
        profile: {
          minor: row.minor,
          age: row.age,
          gender: row.gender,
          nationality: row.nationality,
          languages: row.languages,
        },
        exploitation: row.exploitation,
        pilotTags: row.pilot_tags,
        identity,
        organisations,
        consents,
        events: events.map((e) => ({
          kind: e.kind,
          category: e.category,
          occurredOn: e.occurred_on,
          endsOn: e.ends_on,
          details: e.details,
          note: e.note ? cipher.decrypt(e.note, eventNoteContext(e.id)) : null,
          createdAt: e.created_at,
        })),
        referrals: referrals.map((r) => ({
          kind: r.kind,
          status: r.status,
          parts: r.parts,
          createdAt: r.created_at,
          decidedAt: r.decided_at,
        })),
        links: links.map((l) => ({ kind: l.kind, id: l.target_id })),
        accessLog: accessLog.map((l) => ({ at: l.at, action: l.action, via: l.via })),
      };
    },

    /** Erases the file and everything attached to it (the audit trail keeps that it happened, not what it held). */
    async erase(actor: Actor, audit: AuditContext, reference: string): Promise<void> {
      const row = await byReference(actor, reference);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('cases').where('id', '=', row.id).execute();
        await appendAudit(trx, audit, { action: 'case.erased', targetType: 'case', targetId: row.id }, now);
      });
    },
  };
}

export type CaseRetention = ReturnType<typeof createCaseRetention>;
