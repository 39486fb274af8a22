import { translator } from '../../platform/i18n/index.js';
import type { Jobs } from '../../platform/jobs/index.js';
import { addDays, parisDate } from '../../platform/time/paris.js';
import type { CaseDeps } from './deps.js';
import { REMINDERS } from './reference.js';
import type { CaseRetention } from './retention.js';

export type CaseNotice =
  | { caseId: string; kind: 'break_glass'; actorUserId: string }
  | { caseId: string; kind: 'referral' | 'referral_answer'; referralId: string };

/**
 * E-mails of case files: reference and link only, never a name or a date of birth. Break-glass to the lead's case
 * workers; a referral to the receiver's; its answer to the sender's; reminders of hearings, trials, the end of a
 * reflection period and an OPP's renewal.
 */
export function createCaseNotifications(deps: Pick<CaseDeps, 'db' | 'mailer' | 'clock' | 'settings'>) {
  const { db, mailer, clock, settings } = deps;

  async function caseWorkers(organisationId: string) {
    return db
      .selectFrom('users')
      .select(['email', 'locale'])
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
      .execute();
  }

  async function send(organisationId: string, key: string, params: Record<string, string>) {
    const recipients = await caseWorkers(organisationId);
    await db.transaction().execute(async (trx) => {
      for (const r of recipients) {
        const t = translator(r.locale);
        await mailer.enqueue(
          {
            to: r.email,
            subject: t(`cases.mails.${key}.subject`, params),
            text: t(`cases.mails.${key}.text`, params),
          },
          trx,
        );
      }
    });
    return recipients.length;
  }

  return {
    async notify(notice: CaseNotice): Promise<void> {
      const file = await db
        .selectFrom('cases')
        .select(['id', 'reference', 'lead_organisation_id'])
        .where('id', '=', notice.caseId)
        .executeTakeFirst();
      if (!file) return;
      const link = `${settings.publicUrl}/pro/dossiers/${file.id}`;
      if (notice.kind === 'break_glass') {
        const actor = await db
          .selectFrom('users')
          .innerJoin('organisations as o', 'o.id', 'users.organisation_id')
          .select(['users.display_name', 'o.name'])
          .where('users.id', '=', notice.actorUserId)
          .executeTakeFirst();
        await send(file.lead_organisation_id, 'breakGlass', {
          reference: file.reference,
          who: actor ? `${actor.display_name} (${actor.name})` : '',
          link,
        });
        return;
      }
      const referral = await db
        .selectFrom('case_referrals')
        .selectAll()
        .where('id', '=', notice.referralId)
        .executeTakeFirst();
      if (!referral) return;
      if (notice.kind === 'referral') {
        await send(referral.to_organisation_id, referral.kind === 'transfer' ? 'transfer' : 'referral', {
          reference: file.reference,
          link: `${settings.publicUrl}/pro/dossiers`,
        });
      } else {
        await send(referral.from_organisation_id, `referral_${referral.status}`, {
          reference: file.reference,
          reason: referral.reason ?? '',
          link,
        });
      }
    },

    /** Reminders due today or earlier and not sent, for open files; each once. Returns how many were sent. */
    async remind(): Promise<number> {
      const today = parisDate(clock.now());
      const events = await db
        .selectFrom('case_events as e')
        .innerJoin('cases as c', 'c.id', 'e.case_id')
        .select([
          'e.id',
          'e.kind',
          'e.occurred_on',
          'e.ends_on',
          'c.id as case_id',
          'c.reference',
          'c.lead_organisation_id',
        ])
        .where('c.status', '=', 'open')
        .where('e.reminded_at', 'is', null)
        .where('e.kind', 'in', Object.keys(REMINDERS))
        .execute();
      let sent = 0;
      for (const e of events) {
        const rule = REMINDERS[e.kind]!;
        const on = rule.on === 'ends_on' ? e.ends_on : e.occurred_on;
        if (!on || on < today || addDays(on, -rule.daysBefore) > today) continue;
        await send(e.lead_organisation_id, `reminder_${e.kind}`, {
          reference: e.reference,
          date: on,
          link: `${settings.publicUrl}/pro/dossiers/${e.case_id}`,
        });
        await db
          .updateTable('case_events')
          .set({ reminded_at: clock.now() })
          .where('id', '=', e.id)
          .execute();
        sent++;
      }
      return sent;
    },
  };
}

export type CaseNotifications = ReturnType<typeof createCaseNotifications>;

export function defineCaseJobs(
  jobs: Jobs,
  work: { notifications: CaseNotifications; retention: CaseRetention },
): void {
  jobs.define<CaseNotice>({
    name: 'cases.notify',
    options: { retryLimit: 10, retryDelay: 5, retryBackoff: true, deleteAfterSeconds: 7 * 24 * 3600 },
    concurrency: 2,
    pollingSeconds: 2,
    handler: async (job) => work.notifications.notify(job.data),
  });
  jobs.define({
    name: 'cases.daily',
    options: { retryLimit: 3, retryDelay: 60, deleteAfterSeconds: 7 * 24 * 3600 },
    pollingSeconds: 30,
    // Every hour: reminders (each sent once) and retention (files closed for longer than the period).
    cron: '7 * * * *',
    handler: async () => {
      await work.notifications.remind();
      await work.retention.anonymiseExpired();
    },
  });
}
