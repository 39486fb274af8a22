import type { Transaction } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { MINUTE } from '../../platform/time/clock.js';
import { ALERTS_CHANNEL, type AlertDeps, type AlertSignal, noteContext } from './deps.js';
import { createDeskRepository } from './desks-repository.js';
import { alertPolicy } from './policy.js';
import { COORDINATION_ACK_MINUTES, OUTCOMES } from './reference.js';
import { type AlertRow, createAlertRepository } from './repository.js';
import type { CloseInput, HandOffInput, NoteInput } from './schemas.js';

type Work = { alert: AlertRow; deskIds: string[]; deskId: string; trx: Transaction<DB>; now: Date };

/**
 * What desks do with an alert. Each action runs in one transaction that locks the alert, checks that the actor
 * may act for one of its desks (404 when the alert is not theirs to see), records a timeline event, audits,
 * and tells every instance.
 */
export function createAlertActions(deps: AlertDeps) {
  const { db, cipher, clock, jobs, realtime } = deps;
  const alerts = createAlertRepository(db);
  const desks = createDeskRepository(db);

  async function withAlert<T>(
    actor: Actor,
    audit: AuditContext,
    alertId: string,
    wantedDesk: string | undefined,
    action: string,
    work: (w: Work) => Promise<T>,
  ): Promise<T> {
    const myDeskIds = new Set((await desks.desksOf(actor.userId)).map((d) => d.id));
    return db.transaction().execute(async (trx) => {
      const alert = await alerts.get(trx, alertId, true);
      if (!alert) throw new NotFoundError();
      const recipients = await alerts.recipients(trx, alertId);
      const deskIds = recipients.map((r) => r.desk_id);
      const access = { departement: alert.departement_code, reporterUserId: alert.reporter_user_id, recipientDeskIds: deskIds };
      if (!alertPolicy.view(actor, myDeskIds, access)) throw new NotFoundError();
      const deskId = alertPolicy.actingDesk(actor, myDeskIds, access, wantedDesk);
      if (!deskId) throw new ForbiddenError(wantedDesk ? 'alerts.errors.notYourDesk' : 'alerts.errors.noDesk');
      const now = clock.now();
      const result = await work({ alert, deskIds, deskId, trx, now });
      const after = (await alerts.get(trx, alertId))!;
      const allDesks = (await alerts.recipients(trx, alertId)).map((r) => r.desk_id);
      await appendAudit(trx, audit, { action, targetType: 'alert', targetId: alertId, details: { desk: deskId } }, now);
      const signal: AlertSignal = {
        id: alertId,
        reference: alert.reference,
        kind: action.replace('alert.', ''),
        status: after.status,
        departement: alert.departement_code,
        reporter: alert.reporter_user_id,
        desks: allDesks,
      };
      await realtime.publish(trx, ALERTS_CHANNEL, signal);
      return result;
    });
  }

  function assertOpen(alert: AlertRow): void {
    if (alert.status === 'closed') throw new ConflictError('alerts.errors.closed');
  }

  function sealedNote(alertId: string, note: string | undefined): string | null {
    const text = note?.trim();
    return text ? cipher.encrypt(text, noteContext(alertId)) : null;
  }

  return {
    /** "Pris en compte": the desk has seen it. The first acknowledgement stops the escalation clock. */
    acknowledge(actor: Actor, audit: AuditContext, alertId: string, deskId?: string) {
      return withAlert(actor, audit, alertId, deskId, 'alert.acknowledged', async ({ alert, deskId: desk, trx, now }) => {
        assertOpen(alert);
        if (!(await alerts.acknowledge(trx, alert.id, desk, actor.userId, now))) return; // already acknowledged: nothing to do
        if (alert.status === 'open') await alerts.update(trx, alert.id, { status: 'acknowledged', acknowledged_at: now, updated_at: now });
        await alerts.addEvent(trx, { alert_id: alert.id, occurred_at: now, kind: 'acknowledged', actor_user_id: actor.userId, desk_id: desk });
      });
    },

    /** "Prendre le relais": this desk leads; the other desks are told. */
    takeOver(actor: Actor, audit: AuditContext, alertId: string, deskId?: string) {
      return withAlert(actor, audit, alertId, deskId, 'alert.taken_over', async ({ alert, deskIds, deskId: desk, trx, now }) => {
        assertOpen(alert);
        if (alert.lead_desk_id === desk) throw new ConflictError('alerts.errors.alreadyLead');
        await alerts.acknowledge(trx, alert.id, desk, actor.userId, now);
        await alerts.update(trx, alert.id, {
          status: 'in_progress',
          lead_desk_id: desk,
          acknowledged_at: alert.acknowledged_at ?? now,
          updated_at: now,
        });
        await alerts.addEvent(trx, {
          alert_id: alert.id,
          occurred_at: now,
          kind: 'taken_over',
          actor_user_id: actor.userId,
          desk_id: desk,
          details: JSON.stringify({ previousLead: alert.lead_desk_id }),
        });
        const others = deskIds.filter((d) => d !== desk);
        if (others.length > 0) await jobs.send('alerts.notify', { alertId: alert.id, deskIds: others, kind: 'taken_over', byDeskId: desk }, { trx });
      });
    },

    /** Hands the alert to another desk with a note; that desk must acknowledge in turn. */
    handOff(actor: Actor, audit: AuditContext, alertId: string, input: HandOffInput) {
      return withAlert(actor, audit, alertId, input.deskId, 'alert.handed_off', async ({ alert, deskId: desk, trx, now }) => {
        assertOpen(alert);
        const errors: Record<string, string> = {};
        if (!input.note.trim()) errors.note = 'alerts.errors.noteRequired';
        const target = /^[0-9a-f-]{36}$/i.test(input.toDeskId) ? await desks.getDesk(input.toDeskId, trx) : undefined;
        if (!target || !target.active) errors.toDeskId = 'alerts.errors.deskUnknown';
        else if (target.id === desk) errors.toDeskId = 'alerts.errors.handOffSelf';
        if (Object.keys(errors).length > 0) throw new ValidationError(errors);
        await alerts.addRecipients(trx, [
          {
            alert_id: alert.id,
            desk_id: input.toDeskId,
            role: 'responder',
            level: alert.escalation_level,
            rule_id: null,
            routed_at: now,
            deadline_at: new Date(now.getTime() + COORDINATION_ACK_MINUTES * MINUTE),
          },
        ]);
        if (alert.lead_desk_id === desk || alert.lead_desk_id === null) {
          await alerts.update(trx, alert.id, { status: 'open', lead_desk_id: null, updated_at: now });
        } else {
          await alerts.update(trx, alert.id, { updated_at: now });
        }
        await alerts.addEvent(trx, {
          alert_id: alert.id,
          occurred_at: now,
          kind: 'handed_off',
          actor_user_id: actor.userId,
          desk_id: desk,
          target_desk_id: input.toDeskId,
          note: sealedNote(alert.id, input.note),
        });
        await jobs.send('alerts.notify', { alertId: alert.id, deskIds: [input.toDeskId], kind: 'handed_off', byDeskId: desk }, { trx });
        await jobs.send('alerts.sweep', {}, { trx, startAfter: new Date(now.getTime() + COORDINATION_ACK_MINUTES * MINUTE + 1000) });
      });
    },

    addNote(actor: Actor, audit: AuditContext, alertId: string, input: NoteInput) {
      return withAlert(actor, audit, alertId, input.deskId, 'alert.noted', async ({ alert, deskId: desk, trx, now }) => {
        if (!input.note.trim()) throw new ValidationError({ note: 'alerts.errors.noteRequired' });
        await alerts.update(trx, alert.id, { updated_at: now });
        await alerts.addEvent(trx, { alert_id: alert.id, occurred_at: now, kind: 'note', actor_user_id: actor.userId, desk_id: desk, note: sealedNote(alert.id, input.note) });
      });
    },

    /** Closing records the outcome; the reporter is told (reference and link only). */
    close(actor: Actor, audit: AuditContext, alertId: string, input: CloseInput) {
      return withAlert(actor, audit, alertId, input.deskId, 'alert.closed', async ({ alert, deskId: desk, trx, now }) => {
        assertOpen(alert);
        if (!(OUTCOMES as readonly string[]).includes(input.outcome)) throw new ValidationError({ outcome: 'alerts.errors.outcomeRequired' });
        if (alert.lead_desk_id && alert.lead_desk_id !== desk) throw new ForbiddenError('alerts.errors.notLead');
        await alerts.update(trx, alert.id, { status: 'closed', outcome: input.outcome, closed_at: now, lead_desk_id: alert.lead_desk_id ?? desk, updated_at: now });
        await alerts.addEvent(trx, {
          alert_id: alert.id,
          occurred_at: now,
          kind: 'closed',
          actor_user_id: actor.userId,
          desk_id: desk,
          details: JSON.stringify({ outcome: input.outcome }),
          note: sealedNote(alert.id, input.note),
        });
        await jobs.send('alerts.notify', { alertId: alert.id, deskIds: [], kind: 'closed', reporter: true }, { trx });
      });
    },
  };
}

export type AlertActions = ReturnType<typeof createAlertActions>;
