import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { acquireLock, DatabaseLockedError } from '../../src/platform/db/embedded.js';
import { DatabaseUnavailableError, openDatabase } from '../../src/platform/db/index.js';

describe('the embedded database folder is locked', () => {
  test('a second holder is refused with the pid of the first; a dead holder’s lock is taken over', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-lock-'));
    const script = `
      import { acquireLock } from ${JSON.stringify(path.resolve('src/platform/db/embedded.ts'))};
      acquireLock(${JSON.stringify(dir)});
      console.log('locked');
      setInterval(() => {}, 1000);`;
    const holder = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk) => String(chunk).includes('locked') && resolve());
        holder.once('exit', (code) => reject(new Error(`holder exited ${code}`)));
      });
      assert.throws(
        () => acquireLock(dir),
        (error: unknown) => error instanceof DatabaseLockedError && error.message.includes(String(holder.pid)) && /Deux processus la corrompraient/.test(error.message),
      );
      // The same process cannot open it twice either.
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    const release = acquireLock(dir);
    assert.throws(() => acquireLock(dir), DatabaseLockedError, 'held by this very process now');
    release();
    assert.equal(fs.existsSync(path.join(dir, 'relais.lock')), false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the embedded database starts with the shared buffers it is given and leaves its postgresql.conf as it was', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-buffers-'));
    const setting = async (sharedBuffersMb?: number) => {
      const database = await openDatabase({ embeddedDir: dir, embeddedSharedBuffersMb: sharedBuffersMb });
      try {
        const { rows } = await database.pool.query<{ shared_buffers: string; TimeZone: string }>(
          "SELECT current_setting('shared_buffers') AS shared_buffers, current_setting('TimeZone') AS \"TimeZone\"",
        );
        return rows[0];
      } finally {
        await database.close();
      }
    };
    try {
      assert.deepEqual(await setting(16), { shared_buffers: '16MB', TimeZone: 'UTC' });
      // Nothing of the lean start stays in the folder: the next start has PostgreSQL's default again.
      assert.deepEqual(await setting(), { shared_buffers: '128MB', TimeZone: 'UTC' });
      assert.match(fs.readFileSync(path.join(dir, 'pglite', 'postgresql.conf'), 'utf8'), /^timezone = UTC/m);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a PostgreSQL server that does not answer gives one clear error', async () => {
    await assert.rejects(
      openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/relais' }),
      (error: unknown) => error instanceof DatabaseUnavailableError && /Base de données injoignable \(postgres:\/\/127\.0\.0\.1:1\/relais\)/.test(error.message),
    );
  });
});
