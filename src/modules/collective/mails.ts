import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { AgendaItem } from '../../platform/db/schema-steering.js';
import { ConflictError, ForbiddenError } from '../../platform/http/errors.js';
import { translator } from '../../platform/i18n/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { Clock } from '../../platform/time/clock.js';
import { formatParis } from '../../platform/time/paris.js';
import { meetingsCalendar } from './ical.js';
import { type Meetings, mayOrganise } from './meetings.js';

const agendaText = (items: readonly AgendaItem[], depth = 0): string =>
  items.map((i) => `${'  '.repeat(depth)}- ${i.title}\n${agendaText(i.items ?? [], depth + 1)}`).join('');

/** Invitations (with the event for calendars) and minutes, mailed to the members of the invited associations. */
export function createMeetingMails(deps: {
  db: Kysely<DB>;
  clock: Clock;
  mailer: Pick<Mailer, 'enqueue'>;
  meetings: Meetings;
  publicUrl: string;
}) {
  const { db, clock, mailer, meetings, publicUrl } = deps;
  const host = new URL(publicUrl).hostname;

  /** Active accounts of the given organisations holding the collective_member role, once each. */
  async function recipients(organisationIds: readonly string[]) {
    if (organisationIds.length === 0) return [];
    return await db
      .selectFrom('users as u')
      .innerJoin('grants as g', 'g.user_id', 'u.id')
      .select(['u.email', 'u.locale'])
      .where('g.role', '=', 'collective_member')
      .where('u.status', '=', 'active')
      .where('u.organisation_id', 'in', organisationIds)
      .distinct()
      .execute();
  }

  return {
    async sendInvitations(actor: Actor, audit: AuditContext, meetingId: string): Promise<number> {
      if (!mayOrganise(actor)) throw new ForbiddenError();
      const { meeting, invited } = await meetings.detail(actor, meetingId);
      if (meeting.status !== 'planned' || meeting.starts_at <= clock.now())
        throw new ConflictError('collective.errors.closed');
      const people = await recipients(invited.map((o) => o.id));
      const link = `${publicUrl}/collectif/reunions/${meeting.id}`;
      const ics = meetingsCalendar({
        name: meeting.title,
        meetings: [meeting],
        publicUrl,
        host,
        method: 'REQUEST',
      });
      await db.transaction().execute(async (trx) => {
        for (const person of people) {
          const t = translator(person.locale);
          await mailer.enqueue(
            {
              to: person.email,
              subject: t('collective.mails.invitation.subject', { title: meeting.title }),
              text: t('collective.mails.invitation.text', {
                title: meeting.title,
                when: formatParis(meeting.starts_at, person.locale, 'medium'),
                place: meeting.place || '—',
                agenda: agendaText(meeting.agenda),
                link,
              }),
              icalEvent: { method: 'REQUEST', filename: 'reunion.ics', content: ics },
            },
            trx,
          );
        }
        await trx
          .updateTable('meetings')
          .set({ invitations_sent_at: clock.now() })
          .where('id', '=', meeting.id)
          .execute();
        await appendAudit(
          trx,
          audit,
          {
            action: 'meeting.invitations',
            targetType: 'meeting',
            targetId: meeting.id,
            details: { recipients: people.length },
          },
          clock.now(),
        );
      });
      return people.length;
    },

    async sendMinutes(actor: Actor, audit: AuditContext, meetingId: string): Promise<number> {
      if (!mayOrganise(actor)) throw new ForbiddenError();
      const { meeting, invited, items } = await meetings.detail(actor, meetingId);
      if (!meeting.minutes.trim() && !meeting.summary.trim())
        throw new ConflictError('collective.errors.noMinutes');
      const people = await recipients(invited.map((o) => o.id));
      const link = `${publicUrl}/collectif/reunions/${meeting.id}`;
      await db.transaction().execute(async (trx) => {
        for (const person of people) {
          const t = translator(person.locale);
          const actions = items
            .map(
              (i) =>
                `- ${t(`collective.items.${i.kind}`)} : ${i.text}${i.owner ? ` (${i.owner}${i.due_on ? `, ${i.due_on}` : ''})` : ''}`,
            )
            .join('\n');
          await mailer.enqueue(
            {
              to: person.email,
              subject: t('collective.mails.minutes.subject', { title: meeting.title }),
              text: t('collective.mails.minutes.text', {
                title: meeting.title,
                summary: meeting.summary || meeting.minutes,
                actions: actions || '—',
                link,
              }),
            },
            trx,
          );
        }
        await trx
          .updateTable('meetings')
          .set({ minutes_sent_at: clock.now() })
          .where('id', '=', meeting.id)
          .execute();
        await appendAudit(
          trx,
          audit,
          {
            action: 'meeting.minutes',
            targetType: 'meeting',
            targetId: meeting.id,
            details: { recipients: people.length },
          },
          clock.now(),
        );
      });
      return people.length;
    },
  };
}

export type MeetingMails = ReturnType<typeof createMeetingMails>;
