import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { translator } from '../../platform/i18n/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { Clock } from '../../platform/time/clock.js';
import { periodEnd, periodOf } from './reference.js';

/** How long before the end of a half-year the editors are reminded that its letter has not gone out. */
export const REMINDER_DAYS = 45;

/**
 * Two letters a year: when a half-year nears its end without a sent edition, the content editors get one mail
 * (once per half-year, whichever instance runs the check first).
 */
export function createReminders(deps: {
  db: Kysely<DB>;
  clock: Clock;
  mailer: Pick<Mailer, 'enqueue'>;
  publicUrl: string;
}) {
  const { db, clock, mailer } = deps;

  /** The half-year whose letter is due and not sent, with its last day; null when nothing is due. */
  async function due(): Promise<{ period: string; end: string } | null> {
    const now = clock.now();
    const period = periodOf(now);
    const end = periodEnd(period);
    const daysLeft = (Date.parse(`${end}T23:59:59+01:00`) - now.getTime()) / 86_400_000;
    if (daysLeft > REMINDER_DAYS) return null;
    const sent = await db
      .selectFrom('newsletter_editions')
      .select('id')
      .where('period', '=', period)
      .where('status', 'in', ['sending', 'sent'])
      .executeTakeFirst();
    return sent ? null : { period, end };
  }

  return {
    due,

    async check(): Promise<boolean> {
      const dueNow = await due();
      if (!dueNow) return false;
      return await db.transaction().execute(async (trx) => {
        const first = await trx
          .insertInto('newsletter_reminders')
          .values({ period: dueNow.period, sent_at: clock.now() })
          .onConflict((oc) => oc.column('period').doNothing())
          .returning('period')
          .executeTakeFirst();
        if (!first) return false;
        const editors = await trx
          .selectFrom('users as u')
          .innerJoin('grants as g', 'g.user_id', 'u.id')
          .select(['u.email', 'u.locale'])
          .where('g.role', '=', 'content_editor')
          .where('u.status', '=', 'active')
          .distinct()
          .execute();
        for (const editor of editors) {
          const t = translator(editor.locale);
          await mailer.enqueue(
            {
              to: editor.email,
              subject: t('newsletter.mails.reminder.subject', { period: dueNow.period }),
              text: t('newsletter.mails.reminder.text', {
                period: dueNow.period,
                end: dueNow.end,
                link: new URL('/pro/lettre', deps.publicUrl).href,
              }),
            },
            trx,
          );
        }
        return true;
      });
    },
  };
}

export type Reminders = ReturnType<typeof createReminders>;
