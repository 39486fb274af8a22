import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

export const pgliteExtensions = {
  pg_trgm,
  unaccent,
  cube,
  earthdistance,
} satisfies PGliteOptions['extensions'];

export class DatabaseLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holder: LockInfo,
  ) {
    super(
      `La base embarquée ${path.dirname(lockPath)} est déjà ouverte par le processus ${holder.pid}` +
        ` (${holder.command}, depuis ${holder.startedAt}). Deux processus la corrompraient : arrêtez l'autre` +
        ' processus, ou utilisez DATABASE_URL pour plusieurs instances.',
    );
    this.name = 'DatabaseLockedError';
  }
}

interface LockInfo {
  pid: number;
  hostname: string;
  command: string;
  startedAt: string;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite does not lock its folder and two processes would corrupt it, so we hold a lock file beside it.
 * A lock left by a process that has died (same host, pid gone) is taken over.
 */
export function acquireLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, 'relais.lock');
  const mine: LockInfo = {
    pid: process.pid,
    hostname: os.hostname(),
    command: path.basename(process.argv[1] ?? 'node'),
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, JSON.stringify(mine));
      fs.closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: LockInfo | undefined;
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockInfo;
      } catch {
        holder = undefined; // unreadable: a crash while writing it; treat as stale
      }
      if (holder && holder.hostname === mine.hostname && processIsAlive(holder.pid)) {
        throw new DatabaseLockedError(lockPath, holder);
      }
      if (holder && holder.hostname !== mine.hostname) throw new DatabaseLockedError(lockPath, holder);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Impossible de prendre le verrou ${lockPath}.`);
}

/**
 * `sharedBuffersMb`: PostgreSQL zeroes its shared buffers when it starts, so inside our process they are resident at
 * once, all 128 MB of PostgreSQL's default (bench/RESULTS.md, "The embedded worker under 300 MB").
 */
export async function openEmbedded(
  dir: string | undefined,
  loadDataDir?: Blob,
  sharedBuffersMb?: number,
): Promise<PGlite> {
  const options: PGliteOptions = { extensions: pgliteExtensions };
  if (loadDataDir) options.loadDataDir = loadDataDir;
  // A start parameter, not `postgresqlconf`: that option replaces the data folder's postgresql.conf (time zone,
  // date style, locale…) with its own lines.
  if (sharedBuffersMb !== undefined) {
    options.startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffersMb}MB`];
  }
  return PGlite.create(dir === undefined ? 'memory://' : dir, options);
}
