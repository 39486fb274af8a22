import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { translator } from '../../platform/i18n/index.js';
import type { Jobs } from '../../platform/jobs/index.js';
import { HOUR, MINUTE } from '../../platform/time/clock.js';
import { formatParis, inWeeklyWindow } from '../../platform/time/paris.js';
import { ALERTS_CHANNEL, type AlertDeps, type AlertSignal } from './deps.js';
import { createDeskRepository } from './desks-repository.js';
import { COORDINATION_ACK_MINUTES } from './reference.js';
import { createAlertRepository } from './repository.js';

export interface NotifyJob {
  alertId: string;
  deskIds: string[];
  kind: 'new' | 'escalated' | 'taken_over' | 'handed_off' | 'reminder' | 'closed';
  byDeskId?: string;
  /** Also tell the reporter (closure). */
  reporter?: boolean;
}

const SYSTEM: AuditContext = { actorUserId: null, actorOrganisationId: null, requestId: 'job:alerts' };
/** Escalation stops climbing here: level 1 adds the rules' escalation desks and the coordination; level 2 re-alerts the coordination. */
export const MAX_ESCALATION_LEVEL = 2;

/**
 * Jobs of the alerts: e-mails to the desks' on-call members (reference, deadline and a link: no personal data),
 * escalation of alerts not acknowledged in time, reminders on open alerts.
 */
export function createAlertNotifications(deps: AlertDeps) {
  const { db, clock, mailer, realtime, jobs, settings } = deps;
  const alerts = createAlertRepository(db);
  const desks = createDeskRepository(db);

  /** Members on call now; members with no window are always on call; nobody on call means everybody. */
  function onCall<T extends { windows: Array<{ weekdays: number[]; startMinute: number; endMinute: number }> }>(members: T[], now: Date): T[] {
    const inside = members.filter((m) => m.windows.length === 0 || m.windows.some((w) => inWeeklyWindow(now, w)));
    return inside.length > 0 ? inside : members;
  }

  async function notify(job: NotifyJob): Promise<void> {
    const alert = await alerts.get(db, job.alertId);
    if (!alert) return;
    const now = clock.now();
    const recipients = await alerts.recipients(db, alert.id);
    const link = `${settings.publicUrl}/pro/alertes/${alert.id}`;
    const byDesk = job.byDeskId ? recipients.find((r) => r.desk_id === job.byDeskId)?.desk_name : undefined;
    const members = await desks.membersWithShifts(db, job.deskIds);
    await db.transaction().execute(async (trx) => {
      const sent = new Set<string>();
      for (const deskId of job.deskIds) {
        const recipient = recipients.find((r) => r.desk_id === deskId);
        for (const member of onCall(members.filter((m) => m.desk_id === deskId), now)) {
          if (sent.has(member.user_id)) continue;
          sent.add(member.user_id);
          const t = translator(member.locale);
          const params = {
            reference: alert.reference,
            desk: recipient?.desk_name ?? '',
            by: byDesk ?? '',
            deadline: recipient?.deadline_at ? formatParis(recipient.deadline_at, member.locale) : '—',
            link,
          };
          await mailer.enqueue({ to: member.email, subject: t(`alerts.mails.${job.kind}.subject`, params), text: t(`alerts.mails.${job.kind}.text`, params) }, trx);
        }
      }
      if (job.reporter) {
        const reporter = await trx.selectFrom('users').select(['email', 'locale', 'status']).where('id', '=', alert.reporter_user_id).executeTakeFirst();
        if (reporter?.status === 'active') {
          const t = translator(reporter.locale);
          await mailer.enqueue({ to: reporter.email, subject: t('alerts.mails.reporter.subject', { reference: alert.reference }), text: t('alerts.mails.reporter.text', { reference: alert.reference, link }) }, trx);
        }
      }
      if (job.deskIds.length > 0) {
        await alerts.addEvent(trx, { alert_id: alert.id, occurred_at: now, kind: 'notified', details: JSON.stringify({ reason: job.kind, desks: job.deskIds, people: sent.size }) });
      }
    });
  }

  /** Raises one alert to the next level if it is still not acknowledged; returns whether it did. */
  async function escalate(alertId: string, now: Date): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const alert = await alerts.get(trx, alertId, true);
      if (!alert || alert.status !== 'open' || alert.escalation_level >= MAX_ESCALATION_LEVEL) return false;
      const recipients = await alerts.recipients(trx, alertId);
      const due = recipients.filter((r) => r.level === alert.escalation_level && r.role === 'responder' && !r.acknowledged_at && r.deadline_at && r.deadline_at <= now);
      if (due.length === 0) return false;
      const level = alert.escalation_level + 1;
      const { desks: deskDefs, rules } = await deps.routing.get();
      const coordination = deskDefs.find((d) => d.isCoordination && d.active);
      const next = new Set<string>();
      let ackMinutes = COORDINATION_ACK_MINUTES;
      if (level === 1) {
        for (const recipient of recipients.filter((r) => r.level === 0 && r.rule_id)) {
          const rule = rules.find((r) => r.id === recipient.rule_id);
          for (const deskId of rule?.escalationDeskIds ?? []) next.add(deskId);
          if (rule) ackMinutes = Math.min(ackMinutes, rule.ackMinutes);
        }
      }
      if (coordination) next.add(coordination.id);
      const active = new Set(deskDefs.filter((d) => d.active).map((d) => d.id));
      const targets = [...next].filter((d) => active.has(d));
      const deadline = new Date(now.getTime() + ackMinutes * MINUTE);
      await alerts.addRecipients(
        trx,
        targets.map((deskId) => ({ alert_id: alertId, desk_id: deskId, role: 'responder' as const, level, rule_id: null, routed_at: now, deadline_at: deadline })),
      );
      await alerts.update(trx, alertId, { escalation_level: level, updated_at: now });
      await alerts.addEvent(trx, { alert_id: alertId, occurred_at: now, kind: 'escalated', details: JSON.stringify({ level, desks: targets, overdue: due.map((r) => r.desk_id) }) });
      await appendAudit(trx, SYSTEM, { action: 'alert.escalated', targetType: 'alert', targetId: alertId, details: { level, desks: targets.length } }, now);
      const signal: AlertSignal = {
        id: alertId,
        reference: alert.reference,
        kind: 'escalated',
        status: alert.status,
        departement: alert.departement_code,
        reporter: alert.reporter_user_id,
        desks: [...new Set([...recipients.map((r) => r.desk_id), ...targets])],
      };
      await realtime.publish(trx, ALERTS_CHANNEL, signal);
      await jobs.send('alerts.notify', { alertId, deskIds: targets, kind: 'escalated' } satisfies NotifyJob, { trx });
      await jobs.send('alerts.sweep', {}, { trx, startAfter: new Date(deadline.getTime() + 1000) });
      return true;
    });
  }

  /**
   * Reminds one alert if, once it is locked, it is still open and quiet since `before`; returns whether it did.
   * Sweeps running at once, in one process or several, find the same quiet alerts: the lock lets one remind, and the
   * others then see its reminder as news.
   */
  async function remind(alertId: string, now: Date, before: Date): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const alert = await alerts.get(trx, alertId, true);
      if (!alert || !(await alerts.quietSince(trx, alertId, before))) return false; // closed, or news since
      const recipients = await alerts.recipients(trx, alertId);
      const deskIds = alert.lead_desk_id ? [alert.lead_desk_id] : recipients.filter((r) => r.role === 'responder').map((r) => r.desk_id);
      await alerts.addEvent(trx, { alert_id: alertId, occurred_at: now, kind: 'reminder', details: JSON.stringify({ desks: deskIds }) });
      await jobs.send('alerts.notify', { alertId, deskIds, kind: 'reminder' } satisfies NotifyJob, { trx });
      return true;
    });
  }

  return {
    notify,
    escalate,

    /**
     * Escalates what is overdue and reminds what has been quiet too long, as of the clock's now. Sweeps may run at
     * once (the job, a direct call, another process): escalation and reminder each re-check under the alert's lock.
     */
    async sweep(): Promise<{ escalated: number; reminded: number }> {
      const now = clock.now();
      let escalated = 0;
      for (const { id } of await alerts.dueForEscalation(now)) if (await escalate(id, now)) escalated++;
      const before = new Date(now.getTime() - settings.reminderHours * HOUR);
      let reminded = 0;
      for (const { id } of await alerts.dueForReminder(before)) if (await remind(id, now, before)) reminded++;
      return { escalated, reminded };
    },
  };
}

export type AlertNotifications = ReturnType<typeof createAlertNotifications>;

export function defineAlertJobs(jobs: Jobs, notifications: AlertNotifications): void {
  jobs.define<NotifyJob>({
    name: 'alerts.notify',
    options: { retryLimit: 10, retryDelay: 5, retryBackoff: true, deleteAfterSeconds: 7 * 24 * 3600 },
    concurrency: 4,
    pollingSeconds: 2,
    handler: async (job) => notifications.notify(job.data),
  });
  jobs.define({
    name: 'alerts.sweep',
    options: { retryLimit: 3, retryDelay: 5, deleteAfterSeconds: 24 * 3600 },
    pollingSeconds: 2,
    // A job is also queued at each deadline; the minute schedule is the backstop after a restart.
    cron: '* * * * *',
    handler: async () => {
      await notifications.sweep();
    },
  });
}
