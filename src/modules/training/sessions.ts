import { sql } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { formatParis, fromParisLocalInput } from '../../platform/time/paris.js';
import type { Certificates } from './certificates.js';
import type { TrainingDeps } from './deps.js';
import { createAttendance } from './sessions-attendance.js';
import { createRegistrations } from './sessions-registration.js';
import { courseOf, lockSession, waitingPosition } from './sessions-shared.js';

export type { RegistrationAnswer, RegistrationInput } from './sessions-registration.js';

export const REMINDER_QUEUE = 'training.reminders';

export interface SessionInput {
  startsAt: string;
  endsAt: string;
  place: string;
  onlineUrl: string;
  departementCode: string;
  organiser: string;
  capacity: string;
}

/** Sessions, registrations with a waiting list, attendance and reminders. */
export function createSessions(deps: TrainingDeps & { certificates: Certificates }) {
  const { db, clock, mailer, publicUrl } = deps;

  const service = {
    /** Parses and checks a session's form; the meeting must end after it starts. */
    parse(input: SessionInput) {
      const errors: Record<string, string> = {};
      const startsAt = fromParisLocalInput(input.startsAt);
      const endsAt = fromParisLocalInput(input.endsAt);
      if (!startsAt) errors.startsAt = 'training.sessions.errors.date';
      if (!endsAt) errors.endsAt = 'training.sessions.errors.date';
      if (startsAt && endsAt && endsAt <= startsAt) errors.endsAt = 'training.sessions.errors.endBeforeStart';
      const onlineUrl = input.onlineUrl.trim();
      if (onlineUrl && !/^https:\/\/\S+$/.test(onlineUrl))
        errors.onlineUrl = 'training.sessions.errors.onlineUrl';
      if (!onlineUrl && !input.place.trim()) errors.place = 'training.sessions.errors.place';
      const capacity = Number(input.capacity);
      if (!Number.isInteger(capacity) || capacity < 1 || capacity > 1000)
        errors.capacity = 'training.sessions.errors.capacity';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      return {
        starts_at: startsAt!,
        ends_at: endsAt!,
        place: input.place.trim(),
        online_url: onlineUrl || null,
        departement_code: input.departementCode.trim() || null,
        organiser: input.organiser.trim(),
        capacity,
      };
    },

    async create(courseId: string, input: SessionInput, audit?: AuditContext): Promise<string> {
      const values = service.parse(input);
      if (values.departement_code) {
        const known = await db
          .selectFrom('departements')
          .select('code')
          .where('code', '=', values.departement_code)
          .executeTakeFirst();
        if (!known) throw new ValidationError({ departementCode: 'training.sessions.errors.departement' });
      }
      return await db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('training_sessions')
          .values({ ...values, course_id: courseId })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (audit)
          await appendAudit(
            trx,
            audit,
            {
              action: 'training.session.create',
              targetType: 'training_session',
              targetId: id,
              details: { courseId },
            },
            clock.now(),
          );
        return id;
      });
    },

    get: (id: string) =>
      db.selectFrom('training_sessions').selectAll().where('id', '=', id).executeTakeFirst(),

    /**
     * A session with its course's title and address, for the trainer's page, and whether its attendance sheet is
     * open (from the session's start, unless it is cancelled).
     */
    async detail(id: string) {
      const row = await db
        .selectFrom('training_sessions as s')
        .innerJoin('courses as c', 'c.id', 's.course_id')
        .selectAll('s')
        .select(['c.title', 'c.slug', 'c.duration_hours'])
        .where('s.id', '=', id)
        .executeTakeFirst();
      return row && { ...row, sheetOpen: row.status !== 'cancelled' && row.starts_at <= clock.now() };
    },

    /** A course's sessions with their number of places taken and of people waiting. */
    async forCourse(courseId: string, upcomingOnly: boolean) {
      return await db
        .selectFrom('training_sessions as s')
        .selectAll('s')
        .select((eb) => [
          eb
            .selectFrom('session_registrations as r')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('r.session_id', '=', 's.id')
            .where('r.status', '=', 'registered')
            .as('taken'),
          eb
            .selectFrom('session_registrations as r')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('r.session_id', '=', 's.id')
            .where('r.status', '=', 'waiting')
            .as('waiting'),
        ])
        .where('s.course_id', '=', courseId)
        .$if(upcomingOnly, (q) =>
          q.where('s.starts_at', '>', clock.now()).where('s.status', '=', 'scheduled'),
        )
        .orderBy('s.starts_at')
        .execute();
    },

    ...createRegistrations(deps),

    /** Cancels a session; everyone registered or waiting is told by mail. */
    async cancelSession(sessionId: string, audit?: AuditContext): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const session = await lockSession(trx, sessionId);
        if (!session) throw new NotFoundError();
        if (session.status === 'cancelled') return;
        await trx
          .updateTable('training_sessions')
          .set({ status: 'cancelled' })
          .where('id', '=', sessionId)
          .execute();
        const course = await courseOf(trx, session.course_id);
        const people = await trx
          .selectFrom('session_registrations as r')
          .innerJoin('users as u', 'u.id', 'r.user_id')
          .select('u.email')
          .where('r.session_id', '=', sessionId)
          .where('r.status', 'in', ['registered', 'waiting'])
          .execute();
        for (const p of people)
          await mailer.enqueue(
            {
              to: p.email,
              subject: `Session annulée : ${course.title}`,
              text: `La session du ${formatParis(session.starts_at, 'fr', 'medium')} de la formation « ${course.title} » est annulée.\n\n${publicUrl}/formations/${course.slug}`,
            },
            trx,
          );
        if (audit)
          await appendAudit(
            trx,
            audit,
            {
              action: 'training.session.cancel',
              targetType: 'training_session',
              targetId: sessionId,
              details: { told: people.length },
            },
            clock.now(),
          );
      });
    },

    ...createAttendance(deps),

    /** A person's registrations, with their place on the waiting list and whether they attended. */
    async mine(userId: string) {
      const rows = await db
        .selectFrom('session_registrations as r')
        .innerJoin('training_sessions as s', 's.id', 'r.session_id')
        .innerJoin('courses as c', 'c.id', 's.course_id')
        .select([
          'r.session_id',
          'r.status',
          'r.attended',
          's.starts_at',
          's.ends_at',
          's.place',
          's.online_url',
          's.status as session_status',
          'c.title',
          'c.slug',
        ])
        .where('r.user_id', '=', userId)
        .where('r.status', '!=', 'cancelled')
        .orderBy('s.starts_at', 'desc')
        .execute();
      return await Promise.all(
        rows.map(async (r) => ({
          ...r,
          past: r.ends_at <= clock.now(),
          position: r.status === 'waiting' ? await waitingPosition(db, r.session_id, userId) : null,
        })),
      );
    },
  };

  deps.jobs.define<Record<string, never>>({
    name: REMINDER_QUEUE,
    options: { retryLimit: 2, retryDelay: 300, deleteAfterSeconds: 7 * 24 * 3600 },
    cron: '17 * * * *',
    pollingSeconds: 60,
    handler: async () => {
      await service.sendReminders();
    },
  });
  return service;
}

export type Sessions = ReturnType<typeof createSessions>;
