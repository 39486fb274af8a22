import { sql } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { formatParis } from '../../platform/time/paris.js';
import type { TrainingDeps } from './deps.js';
import { isCategory } from './reference.js';
import { courseOf, emailOf, lockSession, waitingPosition } from './sessions-shared.js';

export interface RegistrationInput {
  category: string;
  departementCode: string;
}

export type RegistrationAnswer = { status: 'registered' } | { status: 'waiting'; position: number };

/** Registrations with a waiting list: a place while there is one, the waiting list after, promotion when one frees. */
export function createRegistrations(deps: Pick<TrainingDeps, 'db' | 'clock' | 'mailer' | 'publicUrl'>) {
  const { db, clock, mailer, publicUrl } = deps;

  return {
    /**
     * Registers a person. The session's row is locked so that people registering at the same moment are counted
     * one after the other; a second call answers the same.
     */
    async register(
      userId: string,
      sessionId: string,
      input: RegistrationInput,
      audit?: AuditContext,
    ): Promise<RegistrationAnswer> {
      const errors: Record<string, string> = {};
      if (!isCategory(input.category)) errors.category = 'training.sessions.errors.category';
      const departementCode = input.departementCode.trim() || null;
      if (departementCode) {
        const known = await db
          .selectFrom('departements')
          .select('code')
          .where('code', '=', departementCode)
          .executeTakeFirst();
        if (!known) errors.departementCode = 'training.sessions.errors.departement';
      }
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      return await db.transaction().execute(async (trx) => {
        const session = await lockSession(trx, sessionId);
        if (!session) throw new NotFoundError();
        const existing = await trx
          .selectFrom('session_registrations')
          .selectAll()
          .where('session_id', '=', sessionId)
          .where('user_id', '=', userId)
          .executeTakeFirst();
        if (existing && existing.status === 'registered') return { status: 'registered' };
        if (existing && existing.status === 'waiting')
          return { status: 'waiting', position: await waitingPosition(trx, sessionId, userId) };
        if (session.status === 'cancelled')
          throw new ValidationError(
            { session: 'training.sessions.errors.cancelled' },
            'training.sessions.errors.cancelled',
          );
        if (session.starts_at <= clock.now())
          throw new ValidationError(
            { session: 'training.sessions.errors.past' },
            'training.sessions.errors.past',
          );
        const { taken } = await trx
          .selectFrom('session_registrations')
          .select(sql<number>`count(*)::int`.as('taken'))
          .where('session_id', '=', sessionId)
          .where('status', '=', 'registered')
          .executeTakeFirstOrThrow();
        const status = taken < session.capacity ? 'registered' : 'waiting';
        // Under the session's lock, each registration comes strictly after the last one: the waiting order is total.
        const { last } = await trx
          .selectFrom('session_registrations')
          .select((eb) => eb.fn.max('registered_at').as('last'))
          .where('session_id', '=', sessionId)
          .executeTakeFirstOrThrow();
        const now = clock.now();
        const registeredAt =
          last && new Date(last).getTime() >= now.getTime() ? new Date(new Date(last).getTime() + 1) : now;
        const user = await trx
          .selectFrom('users')
          .select('organisation_id')
          .where('id', '=', userId)
          .executeTakeFirstOrThrow();
        const values = {
          organisation_id: user.organisation_id,
          category: input.category,
          departement_code: departementCode,
          status,
          registered_at: registeredAt,
          promoted_at: null,
          attended: null,
        } as const;
        await trx
          .insertInto('session_registrations')
          .values({ session_id: sessionId, user_id: userId, ...values })
          .onConflict((oc) => oc.columns(['session_id', 'user_id']).doUpdateSet(values))
          .execute();
        if (audit)
          await appendAudit(
            trx,
            audit,
            {
              action: 'training.registration',
              targetType: 'training_session',
              targetId: sessionId,
              details: { status },
            },
            now,
          );
        return status === 'registered'
          ? { status }
          : { status, position: await waitingPosition(trx, sessionId, userId) };
      });
    },

    /** A person withdraws; a place freed goes to the first waiting person, who is told by mail. */
    async cancelRegistration(userId: string, sessionId: string, audit?: AuditContext): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const session = await lockSession(trx, sessionId);
        if (!session) throw new NotFoundError();
        const mine = await trx
          .selectFrom('session_registrations')
          .select('status')
          .where('session_id', '=', sessionId)
          .where('user_id', '=', userId)
          .executeTakeFirst();
        if (!mine || mine.status === 'cancelled') return;
        await trx
          .updateTable('session_registrations')
          .set({ status: 'cancelled' })
          .where('session_id', '=', sessionId)
          .where('user_id', '=', userId)
          .execute();
        if (mine.status !== 'registered' || session.status !== 'scheduled') {
          if (audit) await appendAudit(trx, audit, withdrawal(sessionId, false), clock.now());
          return;
        }
        const next = await trx
          .selectFrom('session_registrations')
          .select('user_id')
          .where('session_id', '=', sessionId)
          .where('status', '=', 'waiting')
          .orderBy('registered_at')
          .orderBy('user_id')
          .limit(1)
          .executeTakeFirst();
        if (audit) await appendAudit(trx, audit, withdrawal(sessionId, !!next), clock.now());
        if (!next) return;
        await trx
          .updateTable('session_registrations')
          .set({ status: 'registered', promoted_at: clock.now() })
          .where('session_id', '=', sessionId)
          .where('user_id', '=', next.user_id)
          .execute();
        const course = await courseOf(trx, session.course_id);
        await mailer.enqueue(
          {
            to: await emailOf(trx, next.user_id),
            subject: `Une place s'est libérée : ${course.title}`,
            text: `Une place s'est libérée pour la session du ${formatParis(session.starts_at, 'fr', 'medium')} de la formation « ${course.title} ». Vous êtes inscrit·e.\n\n${publicUrl}/pro/formations`,
          },
          trx,
        );
      });
    },

    /** The waiting list of a session, first come first: for the trainer's page. */
    waitingList: (sessionId: string) =>
      db
        .selectFrom('session_registrations as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
        .select(['r.user_id', 'u.display_name', 'o.name as organisation', 'r.category', 'r.registered_at'])
        .where('r.session_id', '=', sessionId)
        .where('r.status', '=', 'waiting')
        .orderBy('r.registered_at')
        .orderBy('r.user_id')
        .execute(),
  };
}

const withdrawal = (sessionId: string, promoted: boolean) => ({
  action: 'training.registration.cancel',
  targetType: 'training_session',
  targetId: sessionId,
  details: { promoted },
});
