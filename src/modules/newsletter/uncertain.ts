import type { Kysely, Transaction } from 'kysely';
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
 * the dot avoids this without sending some letters twice after a crash, so the record goes first and the loss is
 * bounded: only the letters of a worker's last statement can be lost (`delivery-feed.ts`), and a worker killed stays
 * in `newsletter_sending_workers`. Once the edition is sent, the letters of those workers' last statements are its
 * uncertain letters, and the editor chooses: send them again (those who got it get it twice) or keep them as sent
 * (those who did not get it never will).
 */
export function createUncertainLetters(deps: { db: Kysely<DB>; clock: Clock; jobs: Pick<Jobs, 'send'> }) {
  const { db, clock, jobs } = deps;

  /** The letters still recorded as sent in the last statement of each worker that never left the register. */
  async function uncertainIds(q: Kysely<DB> | Transaction<DB>, editionId: string): Promise<string[]> {
    const dead = await q
      .selectFrom('newsletter_sending_workers')
      .select('worker')
      .where('edition_id', '=', editionId)
      .execute();
    if (dead.length === 0) return [];
    // Each dead worker's last statement, then its letters: one pass over the edition's rows each, whatever the
    // statistics say (right after a send they still count every row as queued, and a joined plan went quadratic).
    const last = await q
      .selectFrom('newsletter_deliveries')
      .select(['recorded_by', (eb) => eb.fn.max('record_seq').as('seq')])
      .where('edition_id', '=', editionId)
      .where(
        'recorded_by',
        'in',
        dead.map((d) => d.worker),
      )
      .groupBy('recorded_by')
      .execute();
    if (last.length === 0) return [];
    const rows = await q
      .selectFrom('newsletter_deliveries')
      .select('subscriber_id')
      .where('edition_id', '=', editionId)
      .where('status', '=', 'sent')
      .where((eb) =>
        eb.or(last.map((l) => eb.and([eb('recorded_by', '=', l.recorded_by), eb('record_seq', '=', l.seq)]))),
      )
      .orderBy('subscriber_id')
      .execute();
    return rows.map((r) => r.subscriber_id);
  }

  /** Locks a sent edition for a decision on its uncertain letters; which they are. */
  async function decide(trx: Transaction<DB>, actor: Actor, editionId: string): Promise<string[]> {
    if (!mayEditLetters(actor)) throw new ForbiddenError();
    const edition = await trx
      .selectFrom('newsletter_editions')
      .select('status')
      .where('id', '=', editionId)
      .forUpdate()
      .executeTakeFirst();
    if (!edition) throw new NotFoundError();
    if (edition.status !== 'sent') throw new ConflictError('newsletter.errors.notSentYet');
    const ids = await uncertainIds(trx, editionId);
    if (ids.length === 0) throw new ConflictError('newsletter.errors.noUncertain');
    return ids;
  }

  return {
    /** The uncertain letters' subscribers: none until the edition is sent (a live worker's last letters are no verdict). */
    async list(editionId: string): Promise<string[]> {
      const edition = await db
        .selectFrom('newsletter_editions')
        .select('status')
        .where('id', '=', editionId)
        .executeTakeFirst();
      return edition?.status === 'sent' ? await uncertainIds(db, editionId) : [];
    },

    /**
     * The editor's decision, audited. `resend`: back in the queue, the edition sending until they are out (its
     * `sent_at`, the archive's date, stays). `keep`: they stay recorded as sent. Either way the dead workers leave the
     * register. Returns how many letters the decision took.
     */
    async settle(
      actor: Actor,
      audit: AuditContext,
      editionId: string,
      choice: 'resend' | 'keep',
    ): Promise<number> {
      return await db.transaction().execute(async (trx) => {
        const ids = await decide(trx, actor, editionId);
        const now = clock.now();
        if (choice === 'resend') {
          await trx
            .updateTable('newsletter_deliveries')
            .set({
              status: 'queued',
              sent_at: null,
              claimed_at: null,
              not_before: null,
              error: null,
              recorded_by: null,
              record_seq: null,
            })
            .where('edition_id', '=', editionId)
            .where('subscriber_id', 'in', ids)
            .execute();
          await trx
            .updateTable('newsletter_editions')
            .set({ status: 'sending', updated_at: now })
            .where('id', '=', editionId)
            .execute();
          await jobs.send(SEND_QUEUE, { editionId }, { trx });
        }
        await trx.deleteFrom('newsletter_sending_workers').where('edition_id', '=', editionId).execute();
        await appendAudit(
          trx,
          audit,
          {
            action: choice === 'resend' ? 'newsletter.uncertain_resent' : 'newsletter.uncertain_kept',
            targetType: 'newsletter_edition',
            targetId: editionId,
            details: { count: ids.length },
          },
          now,
        );
        return ids.length;
      });
    },
  };
}

export type UncertainLetters = ReturnType<typeof createUncertainLetters>;
