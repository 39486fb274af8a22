import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Config } from '../../config.js';
import { acquireLock, openEmbedded } from './embedded.js';
import { describeUrl } from './index.js';

const run = promisify(execFile);

/**
 * Backups: the embedded database as PGlite's own data-dir archive (gzip tar), a server database with pg_dump's
 * custom format. Both refuse to overwrite: restore goes into an empty place.
 */
export async function backup(config: Config, out: string): Promise<void> {
  if (fs.existsSync(out)) throw new Error(`${out} existe déjà : choisissez un autre fichier.`);
  if (config.databaseUrl) {
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${out}`, config.databaseUrl]);
    return;
  }
  const release = acquireLock(config.dataDir);
  try {
    const pglite = await openEmbedded(path.join(config.dataDir, 'pglite'));
    try {
      const archive = await pglite.dumpDataDir('gzip');
      fs.writeFileSync(out, Buffer.from(await archive.arrayBuffer()), { mode: 0o600 });
    } finally {
      await pglite.close();
    }
  } finally {
    release();
  }
}

export async function restore(config: Config, from: string): Promise<void> {
  if (!fs.existsSync(from)) throw new Error(`${from} introuvable.`);
  if (config.databaseUrl) {
    const { stdout } = await run('psql', [
      config.databaseUrl,
      '-tAc',
      "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
    ]);
    if (Number(stdout.trim()) > 0)
      throw new Error(
        `La base ${describeUrl(config.databaseUrl)} n’est pas vide : restaurez dans une base neuve.`,
      );
    await run('pg_restore', ['--no-owner', `--dbname=${config.databaseUrl}`, from]);
    return;
  }
  const dir = path.join(config.dataDir, 'pglite');
  if (fs.existsSync(dir)) throw new Error(`${dir} existe déjà : déplacez-le avant de restaurer.`);
  const release = acquireLock(config.dataDir);
  try {
    const pglite = await openEmbedded(dir, new Blob([fs.readFileSync(from)]));
    await pglite.query('SELECT 1');
    await pglite.close();
  } finally {
    release();
  }
}
