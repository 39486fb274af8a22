import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/time/clock.js';
import type { DotGate } from './held-smtp.js';

export interface ClaimedDelivery {
  subscriber_id: string;
  language: string;
  attempts: number;
  claimed_at: Date;
  /** Undefined when the subscriber was erased after the delivery was queued. */
  email: string | undefined;
}

interface FeedDeps {
  db: Kysely<DB>;
  clock: Clock;
  logger: Logger;
  editionId: string;
  /** Rows claimed at once. */
  batch: number;
  /** The next batch is claimed when this few rows are left, so the connections never wait between batches. */
  lowWater: number;
  leaseSeconds: number;
}

/**
 * The deliveries one worker sends, fed without a pause between batches. Claims take row locks with SKIP LOCKED, so
 * several workers share a send without ever holding the same row. While rows are held, their lease is renewed (a
 * slow mail server must not let the resume job hand them to another worker, which would write twice). `close`
 * gives back, as not attempted, whatever no lane took.
 */
export function deliveryFeed(deps: FeedDeps) {
  const { db, clock, logger, editionId } = deps;
  const queue: ClaimedDelivery[] = [];
  let exhausted = false;
  let claiming: Promise<void> | null = null;
  let failure: unknown;
  /** The claim times (ms) of the rows this worker holds: a lease is the rows of this edition claimed at one time. */
  const held = new Set<number>();

  /**
   * Claims go on from the last row claimed, in the queue index's order: from the start, every claim would step over
   * the index entries of the rows already sent, which only a vacuum removes (28 ms per claim half-way through a send
   * of 100,000, bench/RESULTS.md). When nothing is left after the cursor, one claim from the start picks up what came
   * back behind it (retries, rows given back by a stopped worker).
   */
  let after: string | undefined;

  async function claim(): Promise<void> {
    const now = clock.now();
    const from = after;
    const claimed = await sql<Omit<ClaimedDelivery, 'email'>>`
      UPDATE newsletter_deliveries d SET status = 'sending', claimed_at = ${now}, attempts = d.attempts + 1
      WHERE d.edition_id = ${editionId} AND d.subscriber_id IN (
        SELECT subscriber_id FROM newsletter_deliveries
        WHERE edition_id = ${editionId} AND status = 'queued' AND (not_before IS NULL OR not_before <= ${now})
        ${from === undefined ? sql`` : sql`AND subscriber_id > ${from}`}
        ORDER BY subscriber_id LIMIT ${deps.batch} FOR UPDATE SKIP LOCKED)
      RETURNING d.subscriber_id, d.language, d.attempts, d.claimed_at`.execute(db);
    if (claimed.rows.length === 0) {
      after = undefined;
      if (from !== undefined) return claim();
      exhausted = true;
      return;
    }
    after = claimed.rows
      .map((r) => r.subscriber_id)
      .sort()
      .at(-1); // uuids order as their text does
    held.add(now.getTime());
    const emails = await db
      .selectFrom('newsletter_subscribers')
      .select(['id', 'email'])
      .where(
        'id',
        'in',
        claimed.rows.map((r) => r.subscriber_id),
      )
      .execute();
    const byId = new Map(emails.map((e) => [e.id, e.email]));
    for (const r of claimed.rows) queue.push({ ...r, email: byId.get(r.subscriber_id) });
  }

  function refill(): Promise<void> {
    claiming ??= claim()
      .catch((error) => {
        failure = error;
      })
      .finally(() => {
        claiming = null;
      });
    return claiming;
  }

  const renewal = setInterval(
    () => {
      if (held.size === 0) return;
      const leases = [...held];
      const now = clock.now();
      db.updateTable('newsletter_deliveries')
        .set({ claimed_at: now })
        .where('edition_id', '=', editionId)
        .where('status', '=', 'sending')
        .where(
          'claimed_at',
          'in',
          leases.map((t) => new Date(t)),
        )
        .execute()
        .then(() => {
          for (const t of leases) held.delete(t);
          held.add(now.getTime());
        })
        .catch((error) => logger.warn({ err: error, editionId }, 'newsletter lease not renewed'));
    },
    (deps.leaseSeconds * 1000) / 4,
  );

  return {
    /** The next delivery to send, or undefined when nothing is left to claim. */
    async next(): Promise<ClaimedDelivery | undefined> {
      for (;;) {
        if (failure !== undefined) throw failure;
        if (!exhausted && queue.length <= deps.lowWater) void refill();
        const row = queue.shift();
        if (row) return row;
        if (exhausted) return undefined;
        await refill();
      }
    },

    /** A row taken but not attempted (the worker is stopping): given back by `close`. */
    putBack(row: ClaimedDelivery): void {
      queue.unshift(row);
    },

    /** Stops renewing, waits for a claim in flight, and returns what no lane took to the queue. */
    async close(): Promise<void> {
      clearInterval(renewal);
      await claiming;
      if (queue.length === 0) return;
      const ids = queue.splice(0).map((r) => r.subscriber_id);
      await db
        .updateTable('newsletter_deliveries')
        .set((eb) => ({ status: 'queued', attempts: eb('attempts', '-', 1), claimed_at: null }))
        .where('edition_id', '=', editionId)
        .where('status', '=', 'sending')
        .where('subscriber_id', 'in', ids)
        .execute();
    },
  };
}

interface HeldConnection {
  db: Kysely<DB>;
  release: () => void;
  done: Promise<void>;
}

/** One message waiting for its record: `gate` lets its final dot go, `written` settles when the record has. */
interface Waiting {
  id: string;
  gate?: DotGate;
  written?: PromiseWithResolvers<void>;
}

/**
 * Records messages as sent, one statement for all the messages that are ready while the previous one is written: at
 * once when no write is running, otherwise with everything ready meanwhile, in the next write. No message waits for
 * more than the write in progress, and a busy send costs the database one statement per write, not per message.
 *
 * `sent` records a message the server has accepted (transports without a held session). `withDot` records a message
 * whose final dot is held (`held-smtp.ts`): its dot is written right after the statement, in the same turn, on a
 * database server, or once the statement has committed when the database runs in this thread (`commitBeforeDot`),
 * and a failed commit then holds the dot back for good. The dots of a group go one after the other with nothing in
 * between: a worker killed after the statement and before a dot loses that letter (bench/RESULTS.md).
 *
 * No order of two writes on two sockets closes that gap, so its letters can be found: a worker sending over held
 * sessions registers (`open`, `newsletter_sending_workers`), stamps each letter with itself and the number of its
 * statement, and writes a statement only once every dot before it has left the process (`release`'s `left`). Only
 * the letters of its last statement can then be lost. `close` leaves the register; a worker killed mid-send stays in
 * it, and `uncertain.ts` shows the editor the letters of its last statement: a few, each sent or not.
 */
export function sentRecorder(deps: {
  db: Kysely<DB>;
  clock: Clock;
  logger: Logger;
  editionId: string;
  commitBeforeDot?: boolean;
}) {
  const { db, clock, logger, editionId, commitBeforeDot = false } = deps;
  const worker = randomUUID();
  let registered = false;
  let seq = 0;
  let pending: Waiting[] = [];
  let writing: Promise<void> | null = null;
  /**
   * A database server's connection held for the records (`open`): on it, `execute` writes the statement to the socket
   * before it returns, so the statement leaves before the dots it releases, never queued behind a busy pool.
   */
  let own: HeldConnection | undefined;
  /** Letters released whose dot has not left the process yet. */
  const undotted = new Set<string>();
  let dotsLeft: PromiseWithResolvers<void> | undefined;

  const dotted = (id: string) => () => {
    undotted.delete(id);
    if (undotted.size > 0) return;
    dotsLeft?.resolve();
    dotsLeft = undefined;
  };
  const allDotsLeft = (): Promise<void> => {
    if (undotted.size === 0) return Promise.resolve();
    dotsLeft ??= Promise.withResolvers<void>();
    return dotsLeft.promise;
  };

  function write(): void {
    if (writing || pending.length === 0) return;
    if (undotted.size > 0) {
      // Usually a tick: a dot is in the kernel as soon as it is written, and Node says so in the next one.
      writing = allDotsLeft().finally(() => {
        writing = null;
        write();
      });
      return;
    }
    const group = pending;
    pending = [];
    const statement = (own?.db ?? db)
      .updateTable('newsletter_deliveries')
      .set({
        status: 'sent',
        sent_at: clock.now(),
        error: null,
        ...(registered ? { recorded_by: worker, record_seq: ++seq } : {}),
      })
      .where('edition_id', '=', editionId)
      .where(
        'subscriber_id',
        'in',
        group.map((w) => w.id),
      )
      .execute();
    const release = () => {
      for (const w of group) {
        if (!w.gate) continue;
        undotted.add(w.id);
        w.gate.release(dotted(w.id));
      }
    };
    if (!commitBeforeDot) release();
    writing = statement
      .then(
        () => {
          if (commitBeforeDot) release();
          for (const w of group) w.written?.resolve();
        },
        (error) => {
          // The rows stay claimed and go out again after their lease: said loudly, never swallowed.
          logger.error(
            { err: error, editionId, messages: group.length },
            'newsletter messages sent but not recorded',
          );
          for (const w of group) {
            w.gate?.refuse(error); // only still held when the commit comes first: the message is never sent
            w.written?.reject(error);
          }
        },
      )
      .finally(() => {
        writing = null;
        write();
      });
  }

  return {
    sent(subscriberId: string): void {
      pending.push({ id: subscriberId });
      write();
    },
    /** For a held session's `hold`: the gate is released with the record; resolves when the record is written. */
    withDot(subscriberId: string, gate: DotGate): Promise<void> {
      const waiting = { id: subscriberId, gate, written: Promise.withResolvers<void>() };
      pending.push(waiting);
      write();
      return waiting.written.promise;
    },
    /**
     * Registers the worker for the records of `withDot`, on a connection held for them on a database server (an
     * embedded database has only one).
     */
    async open(): Promise<void> {
      if (registered) return;
      if (!commitBeforeDot)
        own = await new Promise<HeldConnection>((ready, fail) => {
          let release = () => {};
          const done = db
            .connection()
            .execute((conn) => {
              ready({ db: conn, release: () => release(), done });
              return new Promise<void>((resolve) => {
                release = resolve;
              });
            })
            .catch((error) => {
              fail(error);
              logger.error({ err: error, editionId }, 'newsletter records: connection lost');
            });
        });
      await (own?.db ?? db)
        .insertInto('newsletter_sending_workers')
        .values({ worker, edition_id: editionId, started_at: clock.now() })
        .execute();
      registered = true;
    },
    /** Resolves when every message handed over is written. */
    async drain(): Promise<void> {
      while (writing) await writing;
    },
    /** Drains, waits for the last dots to leave, leaves the register, gives the connection back. */
    async close(): Promise<void> {
      await this.drain();
      await allDotsLeft();
      if (registered)
        await (own?.db ?? db)
          .deleteFrom('newsletter_sending_workers')
          .where('worker', '=', worker)
          .execute()
          .catch((error) => logger.error({ err: error, editionId }, 'newsletter worker still registered'));
      registered = false;
      own?.release();
      await own?.done;
      own = undefined;
    },
  };
}
