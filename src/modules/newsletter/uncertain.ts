import { type Kysely, sql, type Transaction } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import type { Jobs } from '../../platform/jobs/index.js';
import type { Clock } from '../../platform/time/clock.js';
import { mayEditLetters, SEND_QUEUE } from './editions.js';

/**
 * Letters nobody can say were sent or not. A sending worker killed mid-send (a crash, SIGKILL, a machine gone) may
 * have recorded a few letters as sent whose final dot never left it: a few letters lost. No order of the record and
 * the dot avoids this without sending some letters twice after a crash, so the record goes first and the worker keeps
 * the list of its letters still in that gap (`newsletter_in_flight`, written with each record, deleted when it stops).
 * Once the edition is sent, the lists a dead worker left behind are its uncertain letters, and the editor chooses:
 * send them again (those who got it get it twice) or keep them as sent (those who did not get it never will).
 */
export function createUncertainLetters(deps: { db: Kysely<DB>; clock: Clock; jobs: Pick<Jobs, 'send'> }) {
  const { db, clock, jobs } = deps;

  /** The letters the edition's workers left in flight. */
  const inFlight = (q: Kysely<DB> | Transaction<DB>, editionId: string) =>
    q
      .selectFrom('newsletter_in_flight')
      .select(sql<string>`unnest(subscriber_ids)`.as('id'))
      .where('edition_id', '=', editionId);

  /** Those still recorded as sent (a subscriber erased since has no delivery left). */
  const uncertainRows = (q: Kysely<DB> | Transaction<DB>, editionId: string) =>
    q
      .selectFrom('newsletter_deliveries')
      .where('edition_id', '=', editionId)
      .where('status', '=', 'sent')
      .where('subscriber_id', 'in', inFlight(q, editionId));

  /** Locks a sent edition for a decision on its uncertain letters; how many there are. */
  async function decide(trx: Transaction<DB>, actor: Actor, editionId: string): Promise<number> {
    if (!mayEditLetters(actor)) throw new ForbiddenError();
    const edition = await trx
      .selectFrom('newsletter_editions')
      .select('status')
      .where('id', '=', editionId)
      .forUpdate()
      .executeTakeFirst();
    if (!edition) throw new NotFoundError();
    if (edition.status !== 'sent') throw new ConflictError('newsletter.errors.notSentYet');
    const { n } = await uncertainRows(trx, editionId)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n) === 0) throw new ConflictError('newsletter.errors.noUncertain');
    return Number(n);
  }

  return {
    /** How many letters of the edition are uncertain: none until it is sent (a live worker's list is no verdict). */
    async count(editionId: string): Promise<number> {
      const edition = await db
        .selectFrom('newsletter_editions')
        .select('status')
        .where('id', '=', editionId)
        .executeTakeFirst();
      if (edition?.status !== 'sent') return 0;
      const { n } = await uncertainRows(db, editionId)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(n);
    },

    /** Sends them again: back in the queue, the edition sending until they are out. */
    async resend(actor: Actor, audit: AuditContext, editionId: string): Promise<number> {
      return await db.transaction().execute(async (trx) => {
        const count = await decide(trx, actor, editionId);
        const now = clock.now();
        await trx
          .updateTable('newsletter_deliveries')
          .set({ status: 'queued', sent_at: null, claimed_at: null, not_before: null, error: null })
          .where('edition_id', '=', editionId)
          .where('status', '=', 'sent')
          .where('subscriber_id', 'in', inFlight(trx, editionId))
          .execute();
        await trx.deleteFrom('newsletter_in_flight').where('edition_id', '=', editionId).execute();
        // `sent_at` stays: the date of the letter in the archive, which keeps it meanwhile.
        await trx
          .updateTable('newsletter_editions')
          .set({ status: 'sending', updated_at: now })
          .where('id', '=', editionId)
          .execute();
        await jobs.send(SEND_QUEUE, { editionId }, { trx });
        await appendAudit(
          trx,
          audit,
          {
            action: 'newsletter.uncertain_resent',
            targetType: 'newsletter_edition',
            targetId: editionId,
            details: { count },
          },
          now,
        );
        return count;
      });
    },

    /** Keeps them as sent: the lists are dropped, the choice is in the audit log. */
    async keep(actor: Actor, audit: AuditContext, editionId: string): Promise<number> {
      return await db.transaction().execute(async (trx) => {
        const count = await decide(trx, actor, editionId);
        await trx.deleteFrom('newsletter_in_flight').where('edition_id', '=', editionId).execute();
        await appendAudit(
          trx,
          audit,
          {
            action: 'newsletter.uncertain_kept',
            targetType: 'newsletter_edition',
            targetId: editionId,
            details: { count },
          },
          clock.now(),
        );
        return count;
      });
    },
  };
}

export type UncertainLetters = ReturnType<typeof createUncertainLetters>;
