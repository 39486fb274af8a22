import type { Kysely, Transaction } from 'kysely';
import { type Db, fromKysely, type Job, PgBoss, type Queue } from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import type { DB } from '../db/schema.js';

export interface QueueDefinition<T extends object = object> {
  readonly name: string;
  readonly options?: Omit<Queue, 'name'>;
  /**
   * Throwing fails the attempt; pg-boss retries per the queue's options, then moves the job to its dead letter.
   * No handler: a queue that only stores (dead letters, kept for an operator to read and redrive).
   */
  readonly handler?: (job: Job<T>) => Promise<void>;
  /** Jobs handled at once by one worker process. */
  readonly concurrency?: number;
  /**
   * How often a worker looks for jobs whose time has come (retries, `startAfter`). New jobs wake workers at
   * once through NOTIFY; this only bounds the lateness of delayed ones. Default 5 s.
   */
  readonly pollingSeconds?: number;
  /** Also run on this cron schedule (UTC, minute precision), once across all instances. */
  readonly cron?: string;
}

export interface SendOptions {
  startAfter?: Date | number;
  singletonKey?: string;
  /** Enqueue inside this transaction: the job exists only if the transaction commits. */
  trx?: Transaction<DB> | Kysely<DB>;
}

export interface Jobs {
  readonly boss: PgBoss;
  define<T extends object>(queue: QueueDefinition<T>): void;
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  /** Creates pg-boss's schema and every defined queue; sending works from then on. */
  start(): Promise<void>;
  /** Runs the queues' handlers in this process (the server by default, or `relais worker`). */
  work(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * On PGlite every statement goes through our pool of one connection, so pg-boss never interleaves with an open
 * Kysely transaction (its own PGlite adapter would talk to the instance directly). LISTEN stays in-process.
 */
function embeddedAdapter(database: Database): Db {
  const pglite = database.pglite!;
  return {
    async executeSql(text: string, values?: unknown[]) {
      try {
        const result = await database.pool.query(text, values);
        const rows = Array.isArray(result) ? result.flatMap((r) => r.rows ?? []) : result.rows;
        return { rows };
      } catch (error) {
        // A failed multi-statement block leaves the single session in an aborted transaction.
        if (!values?.length) await database.pool.query('ROLLBACK').catch(() => {});
        throw error;
      }
    },
    async listen(channel: string, onNotification: (payload: string) => void, onReconnect: () => void) {
      const unsubscribe = await pglite.listen(channel, onNotification);
      onReconnect();
      return { close: async () => unsubscribe() };
    },
  };
}

export function createJobs(database: Database, logger: Logger, options: { databaseUrl?: string | undefined } = {}): Jobs {
  const boss =
    database.kind === 'embedded'
      ? new PgBoss({ db: embeddedAdapter(database), backend: 'pglite', useListenNotify: true, schedule: true })
      : new PgBoss({ connectionString: options.databaseUrl!, useListenNotify: true, max: 4, schedule: true });
  boss.on('error', (error: Error) => logger.error({ err: { message: error.message } }, 'pg-boss error'));
  const queues = new Map<string, QueueDefinition<object>>();
  let started = false;

  return {
    boss,
    define(queue) {
      if (queues.has(queue.name)) throw new Error(`Queue ${queue.name} defined twice`);
      queues.set(queue.name, queue as QueueDefinition<object>);
    },
    async send(name, data, options = {}) {
      if (!queues.has(name)) throw new Error(`Unknown queue ${name}`);
      const sendOptions: Record<string, unknown> = {};
      if (options.startAfter !== undefined) sendOptions.startAfter = options.startAfter;
      if (options.singletonKey !== undefined) sendOptions.singletonKey = options.singletonKey;
      // pg-boss writes the job through the caller's transaction (a transactional outbox).
      if (options.trx) sendOptions.db = fromKysely(options.trx);
      return boss.send(name, data, sendOptions);
    },
    async start() {
      await boss.start();
      started = true;
      const existing = new Set((await boss.getQueues()).map((q) => q.name));
      // Dead-letter queues first: a queue may only name an existing dead letter.
      const ordered = [...queues.values()].sort(
        (a, b) => Number(!!a.options?.deadLetter) - Number(!!b.options?.deadLetter),
      );
      for (const queue of ordered) {
        const queueOptions = { ...queue.options, notify: true };
        if (existing.has(queue.name)) await boss.updateQueue(queue.name, queueOptions);
        else await boss.createQueue(queue.name, queueOptions);
        if (queue.cron) await boss.schedule(queue.name, queue.cron);
      }
    },
    async work() {
      for (const queue of queues.values()) {
        const handler = queue.handler;
        if (!handler) continue;
        await boss.work(
          queue.name,
          {
            batchSize: 1,
            localConcurrency: queue.concurrency ?? 1,
            pollingIntervalSeconds: queue.pollingSeconds ?? 5,
            notifyPollingIntervalSeconds: queue.pollingSeconds ?? 5,
          },
          async ([job]) => {
            if (job) await handler(job as Job<object>);
          },
        );
      }
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, timeout: 10_000, close: true });
    },
  };
}
