import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/auth/roles.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { addDays } from '../../platform/time/paris.js';
import type { AlertInput } from '../alerts/schemas.js';
import { type CaseDeps, eventNoteContext } from './deps.js';
import { type CaseFiles, isDate } from './files.js';
import { casePolicy } from './policy.js';
import { categoryOf, OUTCOMES, REFLECTION_DAYS } from './reference.js';
import type { EventInput } from './schemas.js';

const DEPARTEMENT = /^(\d{2}|2[AB]|9[78]\d)$/;
/** Proceedings that cannot come before the complaint. */
const AFTER_COMPLAINT = ['hearing', 'investigation', 'trial', 'judgment'];

/**
 * The journal of a file: support actions, proceedings, residence rights, minors' measures, runaways and returns,
 * closure. A runaway raises an alert at once to the lead organisation's desks and the national coordination.
 */
export function createCaseJournal(deps: CaseDeps & { files: CaseFiles }) {
  const { db, cipher, clock, alerts, files } = deps;

  return {
    async add(
      actor: Actor,
      audit: AuditContext,
      caseId: string,
      input: EventInput,
    ): Promise<{ id: string; alert?: { id: string; reference: string } }> {
      const { row, access } = await files.open(actor, caseId);
      if (!access.as) throw new NotFoundError();
      const category = categoryOf(input.kind);
      const errors: Record<string, string> = {};
      if (!category) throw new ValidationError({ kind: 'cases.errors.kind' });
      if (!casePolicy.mayRecord(access, category)) throw new ForbiddenError('cases.errors.partNotShared');
      if (row.status !== 'open') throw new ConflictError('cases.errors.closed');
      if (!isDate(input.occurredOn)) errors.occurredOn = 'cases.errors.date';
      let endsOn = input.endsOn?.trim() || undefined;
      if (endsOn && !isDate(endsOn)) errors.endsOn = 'cases.errors.date';
      else if (endsOn && isDate(input.occurredOn) && endsOn < input.occurredOn)
        errors.endsOn = 'cases.errors.endsBefore';
      if (input.kind === 'reflection_period' && !endsOn && isDate(input.occurredOn))
        endsOn = addDays(input.occurredOn, REFLECTION_DAYS);
      if (
        input.kind === 'closure' &&
        !(input.outcome && (OUTCOMES as readonly string[]).includes(input.outcome))
      )
        errors.outcome = 'cases.errors.outcomeRequired';
      if (input.kind === 'runaway' && input.departement && !DEPARTEMENT.test(input.departement))
        errors.departement = 'cases.errors.departement';
      if (isDate(input.occurredOn) && category === 'proceedings') {
        const proceedings = await db
          .selectFrom('case_events')
          .select(['kind', 'occurred_on'])
          .where('case_id', '=', caseId)
          .where('category', '=', 'proceedings')
          .execute();
        const complaint = proceedings
          .filter((p) => p.kind === 'complaint')
          .map((p) => p.occurred_on)
          .sort()[0];
        if (AFTER_COMPLAINT.includes(input.kind) && complaint && input.occurredOn < complaint)
          errors.occurredOn = 'cases.errors.beforeComplaint';
        const firstAfter = proceedings
          .filter((p) => AFTER_COMPLAINT.includes(p.kind))
          .map((p) => p.occurred_on)
          .sort()[0];
        if (input.kind === 'complaint' && firstAfter && input.occurredOn > firstAfter)
          errors.occurredOn = 'cases.errors.complaintAfterTrial';
      }
      const departement = input.departement ?? row.lead_departement ?? undefined;
      if (input.kind === 'runaway' && !departement) errors.departement = 'cases.errors.runawayPlace';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);

      // A runaway goes to the desks first: the alert must not wait for anything else.
      let alert: { id: string; reference: string } | undefined;
      if (input.kind === 'runaway') {
        const alertInput: AlertInput = {
          context: 'autre',
          place: { departement: departement! },
          persons: [
            {
              minor: row.minor ? 'yes' : 'no',
              gender: row.gender,
              ...(row.age !== null ? { estimatedAge: row.age } : {}),
              ...(row.nationality ? { nationality: row.nationality } : {}),
              languages: row.languages,
            },
          ],
          exploitation: [
            ...new Set(row.exploitation.map((e) => e.form).filter((f): f is string => !!f)),
          ] as AlertInput['exploitation'],
          indicators: [],
          immediateDanger: row.minor,
          consent: row.minor ? 'minor' : 'adult_agrees',
          description: `Fugue signalée sur le dossier ${row.reference} le ${input.occurredOn}. Ouvrir le dossier dans Relais pour le suivi.`,
        };
        const desks = await alerts.desksOfOrganisation(row.lead_organisation_id);
        alert = (await alerts.raise(actor, audit, alertInput, undefined, { toDesks: desks })).alert;
      }

      const now = clock.now();
      const details: Record<string, unknown> = {};
      if (input.service?.trim()) details.service = input.service.trim();
      if (input.kind === 'trial') {
        details.present = input.present ?? null;
        details.accompanied = input.accompanied ?? null;
      }
      if (input.kind === 'closure') details.outcome = input.outcome;
      if (input.kind === 'runaway') details.departement = departement;
      const id = await db.transaction().execute(async (trx) => {
        const event = await trx
          .insertInto('case_events')
          .values({
            case_id: caseId,
            category,
            kind: input.kind,
            occurred_on: input.occurredOn,
            ends_on: endsOn ?? null,
            details: JSON.stringify(details),
            organisation_id: actor.organisation.id,
            recorded_by: actor.userId,
            alert_id: alert?.id ?? null,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (input.note?.trim())
          await trx
            .updateTable('case_events')
            .set({ note: cipher.encrypt(input.note.trim(), eventNoteContext(event.id)) })
            .where('id', '=', event.id)
            .execute();
        if (alert)
          await trx
            .insertInto('case_links')
            .values({ case_id: caseId, kind: 'alert', target_id: alert.id, linked_at: now })
            .onConflict((oc) => oc.doNothing())
            .execute();
        if (input.kind === 'closure') {
          await trx
            .updateTable('cases')
            .set({ status: 'closed', closed_at: now, outcome: input.outcome!, updated_at: now })
            .where('id', '=', caseId)
            .execute();
        } else {
          await trx.updateTable('cases').set({ updated_at: now }).where('id', '=', caseId).execute();
        }
        await appendAudit(
          trx,
          audit,
          {
            action: `case.${input.kind === 'closure' ? 'closed' : 'event_recorded'}`,
            targetType: 'case',
            targetId: caseId,
            details: { kind: input.kind },
          },
          now,
        );
        return event.id;
      });
      return { id, ...(alert ? { alert } : {}) };
    },

    /** Reopens a closed file (a new hearing, the person comes back). */
    async reopen(actor: Actor, audit: AuditContext, caseId: string): Promise<void> {
      const { row, access } = await files.open(actor, caseId);
      if (!access.as) throw new NotFoundError();
      if (!access.canEdit) throw new ForbiddenError('cases.errors.leadOnly');
      if (row.status !== 'closed')
        throw new ConflictError(
          row.status === 'open' ? 'cases.errors.alreadyOpen' : 'cases.errors.anonymised',
        );
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('cases')
          .set({ status: 'open', closed_at: null, outcome: null, updated_at: now })
          .where('id', '=', caseId)
          .execute();
        await appendAudit(trx, audit, { action: 'case.reopened', targetType: 'case', targetId: caseId }, now);
      });
    },
  };
}

export type CaseJournal = ReturnType<typeof createCaseJournal>;
