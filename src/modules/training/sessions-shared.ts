import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/** Locks a session's row: registrations, withdrawals and attendance of one session happen one after the other. */
export const lockSession = (trx: Transaction<DB>, id: string) =>
  trx.selectFrom('training_sessions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const courseOf = (trx: Kysely<DB>, courseId: string) =>
  trx.selectFrom('courses').select(['title', 'slug']).where('id', '=', courseId).executeTakeFirstOrThrow();

export const emailOf = async (trx: Kysely<DB>, userId: string) =>
  (await trx.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email;

/** Position (1-based) of a waiting person, in order of registration. */
export async function waitingPosition(trx: Kysely<DB>, sessionId: string, userId: string): Promise<number> {
  const { rows } = await sql<{
    position: number;
  }>`SELECT count(*)::int AS position FROM session_registrations w
    WHERE w.session_id = ${sessionId} AND w.status = 'waiting' AND w.registered_at <= (
      SELECT registered_at FROM session_registrations WHERE session_id = ${sessionId} AND user_id = ${userId})`.execute(
    trx,
  );
  return rows[0]?.position ?? 1;
}
