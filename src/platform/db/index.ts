import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireLock, openEmbedded } from './embedded.js';
import type { DB } from './schema.js';

// Counts come back as numbers, not strings; calendar dates stay 'YYYY-MM-DD' strings (no timezone shift).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Listener = (payload: string) => void;

export interface Database {
  readonly db: Kysely<DB>;
  readonly kind: 'embedded' | 'postgres';
  /** Raw pool, for pg-boss and for the few statements Kysely cannot express. */
  readonly pool: pg.Pool;
  readonly pglite: PGlite | undefined;
  /** Where this database lives, without credentials, for messages. */
  readonly description: string;
  listen(channel: string, listener: Listener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {
  constructor(description: string, cause: unknown) {
    const reason =
      cause instanceof Error ? cause.message || (cause as NodeJS.ErrnoException).code : String(cause);
    super(`Base de données injoignable (${description}) : ${reason}`);
    this.name = 'DatabaseUnavailableError';
  }
}

export function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `postgres://${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; undefined with no databaseUrl means in memory (tests). */
  embeddedDir?: string | undefined;
  /** A dumped PGlite data dir to start from (test templates). */
  embeddedTemplate?: Blob | undefined;
  /** PGlite's shared buffers in MB (PostgreSQL's default, 128, when not given). */
  embeddedSharedBuffersMb?: number | undefined;
  poolMax?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openServer(options.databaseUrl, options.poolMax ?? 10);
  return openEmbeddedDatabase(options.embeddedDir, options.embeddedTemplate, options.embeddedSharedBuffersMb);
}

async function openServer(url: string, max: number): Promise<Database> {
  const description = describeUrl(url);
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(description, error);
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const listeners = new Map<string, Set<Listener>>();
  let listenClient: pg.Client | undefined;
  let closing = false;

  async function connectListener(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    client.on('notification', (message) => {
      for (const listener of listeners.get(message.channel) ?? []) listener(message.payload ?? '');
    });
    client.on('error', () => {
      if (closing) return;
      listenClient = undefined;
      // Reconnect and re-subscribe; notifications sent while disconnected are lost, so callers
      // treat a notification as a hint and re-read state (see platform/realtime).
      setTimeout(() => {
        void ensureListener().catch(() => {});
      }, 500).unref();
    });
    for (const channel of listeners.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    return client;
  }
  async function ensureListener(): Promise<pg.Client> {
    listenClient ??= await connectListener();
    return listenClient;
  }

  return {
    db,
    kind: 'postgres',
    pool,
    pglite: undefined,
    description,
    async listen(channel, listener) {
      const set = listeners.get(channel) ?? new Set<Listener>();
      const first = set.size === 0;
      set.add(listener);
      listeners.set(channel, set);
      const client = await ensureListener();
      if (first) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        set.delete(listener);
        if (set.size === 0 && listenClient && !closing) {
          listeners.delete(channel);
          await listenClient.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
        }
      };
    },
    async close() {
      closing = true;
      await listenClient?.end().catch(() => {});
      await db.destroy();
    },
  };
}

async function openEmbeddedDatabase(
  dir: string | undefined,
  template?: Blob,
  sharedBuffersMb?: number,
): Promise<Database> {
  const release = dir === undefined ? () => {} : acquireLock(dir);
  let pglite: PGlite;
  try {
    pglite = await openEmbedded(
      dir === undefined ? undefined : path.join(dir, 'pglite'),
      template,
      sharedBuffersMb,
    );
  } catch (error) {
    release();
    throw error;
  }
  // PGlite is one connection: a pool of one makes Kysely transactions (and pg-boss, which we route
  // through the same pool) wait for each other instead of interleaving statements.
  const pool = new pg.Pool(createPgConfig(pglite) as pg.PoolConfig);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'embedded',
    pool,
    pglite,
    description: dir === undefined ? 'PGlite en mémoire' : `PGlite ${dir}`,
    async listen(channel, listener) {
      return pglite.listen(channel, listener);
    },
    async close() {
      try {
        await db.destroy();
        await pglite.close();
      } finally {
        release();
      }
    },
  };
}
