import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { ConflictError, NotFoundError } from '../../platform/http/errors.js';
import { formatParis } from '../../platform/time/paris.js';
import type { Certificates } from './certificates.js';
import type { TrainingDeps } from './deps.js';
import { courseOf, lockSession } from './sessions-shared.js';

const REMINDER_HOURS = 48;

/** The attendance sheet (attendees get a certificate) and the reminders sent before a session. */
export function createAttendance(
  deps: Pick<TrainingDeps, 'db' | 'clock' | 'mailer' | 'publicUrl'> & { certificates: Certificates },
) {
  const { db, clock, mailer, certificates, publicUrl } = deps;
  return {
    /** The attendance sheet: people registered, in order of name. */
    sheet: (sessionId: string) =>
      db
        .selectFrom('session_registrations as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
        .select([
          'r.user_id',
          'u.display_name',
          'o.name as organisation',
          'r.category',
          'r.departement_code',
          'r.attended',
        ])
        .where('r.session_id', '=', sessionId)
        .where('r.status', '=', 'registered')
        .orderBy('u.display_name')
        .execute(),

    /**
     * Saves attendance; each attendee gets a certificate. Unticking someone keeps a certificate already issued
     * (it may have been downloaded and shown).
     */
    async markAttendance(sessionId: string, attendees: string[], audit?: AuditContext): Promise<number> {
      return await db.transaction().execute(async (trx) => {
        const session = await lockSession(trx, sessionId);
        if (!session) throw new NotFoundError();
        // Presence is recorded once the session has begun, never for one that did not take place.
        if (session.status === 'cancelled')
          throw new ConflictError('training.sessions.errors.sheetCancelled');
        if (session.starts_at > clock.now())
          throw new ConflictError('training.sessions.errors.sheetTooEarly');
        const rows = await trx
          .selectFrom('session_registrations')
          .select(['user_id', 'category', 'departement_code'])
          .where('session_id', '=', sessionId)
          .where('status', '=', 'registered')
          .execute();
        let issued = 0;
        for (const row of rows) {
          const attended = attendees.includes(row.user_id);
          await trx
            .updateTable('session_registrations')
            .set({ attended })
            .where('session_id', '=', sessionId)
            .where('user_id', '=', row.user_id)
            .execute();
          if (!attended) continue;
          await certificates.issue(trx, {
            userId: row.user_id,
            courseId: session.course_id,
            sessionId,
            kind: 'session',
            category: row.category,
            departementCode: row.departement_code,
          });
          issued++;
        }
        if (session.ends_at <= clock.now() && session.status === 'scheduled')
          await trx
            .updateTable('training_sessions')
            .set({ status: 'held' })
            .where('id', '=', sessionId)
            .execute();
        if (audit)
          await appendAudit(
            trx,
            audit,
            {
              action: 'training.session.attendance',
              targetType: 'training_session',
              targetId: sessionId,
              details: { registered: rows.length, attended: issued },
            },
            clock.now(),
          );
        return issued;
      });
    },

    /** Mails people holding a place about 48 h before their session, once per session. */
    async sendReminders(): Promise<number> {
      const now = clock.now();
      const horizon = new Date(now.getTime() + REMINDER_HOURS * 3600_000);
      const due = await db
        .selectFrom('training_sessions')
        .select('id')
        .where('status', '=', 'scheduled')
        .where('reminded_at', 'is', null)
        .where('starts_at', '>', now)
        .where('starts_at', '<=', horizon)
        .execute();
      let sent = 0;
      for (const { id } of due)
        await db.transaction().execute(async (trx) => {
          const session = await lockSession(trx, id);
          if (!session || session.reminded_at) return;
          const course = await courseOf(trx, session.course_id);
          const people = await trx
            .selectFrom('session_registrations as r')
            .innerJoin('users as u', 'u.id', 'r.user_id')
            .select('u.email')
            .where('r.session_id', '=', id)
            .where('r.status', '=', 'registered')
            .execute();
          const where = session.online_url ? `en ligne : ${session.online_url}` : session.place;
          for (const p of people) {
            await mailer.enqueue(
              {
                to: p.email,
                subject: `Rappel : ${course.title}`,
                text: `Votre session de la formation « ${course.title} » commence le ${formatParis(session.starts_at, 'fr', 'medium')} (${where}).\n\n${publicUrl}/pro/formations`,
              },
              trx,
            );
            sent++;
          }
          await trx.updateTable('training_sessions').set({ reminded_at: now }).where('id', '=', id).execute();
        });
      return sent;
    },
  };
}
