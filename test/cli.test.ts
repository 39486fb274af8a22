import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openCore } from '../src/core.js';
import { createLogger } from '../src/platform/logger.js';
import { openTestDatabase } from './support/template.js';

/**
 * The CLI as an operator runs it: a separate process on the same database. With PGlite it uses a data folder
 * made from the test template; with PostgreSQL, a fresh database.
 */
describe('relais CLI', () => {
  test('--help lists every command', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--help'], { encoding: 'utf8' });
    assert.equal(result.status, 0);
    for (const command of ['migrate', 'seed', 'user:create', 'token:create', 'token:revoke', 'audit:verify', 'keys:generate', 'keys:rotate', 'worker', 'backup', 'restore']) {
      assert.match(result.stdout, new RegExp(`^  ${command} `, 'm'), command);
    }
    const unknown = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'inconnue'], { encoding: 'utf8' });
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /Commande inconnue : inconnue/);
  });

  test('user:create then token:create gives a token that GET /api/v1/me accepts; audit:verify passes', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-cli-'));
    const testDb = await openTestDatabase();
    let env: NodeJS.ProcessEnv;
    if (testDb.databaseUrl) {
      env = { ...process.env, DATABASE_URL: testDb.databaseUrl, RELAIS_DATA_DIR: dataDir, NODE_ENV: 'test' };
    } else {
      // Materialise the template as an embedded data folder the CLI can open.
      const archive = await testDb.database.pglite!.dumpDataDir('gzip');
      await testDb.drop();
      const { PGlite } = await import('@electric-sql/pglite');
      const { pgliteExtensions } = await import('../src/platform/db/embedded.js');
      const pglite = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: pgliteExtensions, loadDataDir: archive });
      await pglite.close();
      env = { ...process.env, DATABASE_URL: '', RELAIS_DATA_DIR: dataDir, NODE_ENV: 'test' };
    }
    const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { encoding: 'utf8', env });
    try {
      const org = cli('organisation:create', '--name', 'Parquet du CLI', '--type', 'parquet', '--departement', '75');
      assert.equal(org.status, 0, org.stderr);
      const bad = cli('user:create', '--email', 'pas-une-adresse', '--password', 'court', '--organisation', 'Parquet du CLI', '--role', 'duty_desk');
      assert.equal(bad.status, 1);
      assert.match(bad.stderr, /Adresse électronique non valide/);
      const missing = cli('user:create', '--email', 'x@exemple.test');
      assert.equal(missing.status, 1);
      assert.match(missing.stderr, /--role est obligatoire/);
      const created = cli('user:create', '--email', 'permanence@exemple.test', '--password', 'phrase de passe du cli', '--organisation', 'Parquet du CLI', '--role', 'duty_desk', '--departements', '75,93');
      assert.equal(created.status, 0, created.stderr);
      const tokenRun = cli('token:create', '--email', 'permanence@exemple.test');
      assert.equal(tokenRun.status, 0, tokenRun.stderr);
      const token = tokenRun.stdout.trim().split('\n').at(-1)!;
      assert.match(token, /^rls_[\w-]{43}$/, 'the token alone on the last line');

      const verify = cli('audit:verify');
      assert.equal(verify.status, 0, verify.stderr);
      assert.match(verify.stdout, /Journal d’audit intègre/);

      // The server, on the same database, accepts the token.
      const config = loadConfig({ ...env, LOG_LEVEL: 'silent' } as Record<string, string>);
      const core = await openCore(config, { logger: createLogger('silent') });
      const app = await buildApp(core, { logRequests: false });
      try {
        const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
        assert.equal(me.statusCode, 200);
        assert.equal(me.json().email, 'permanence@exemple.test');
        assert.deepEqual(me.json().grants[0].scope, { kind: 'departements', departements: ['75', '93'] });
      } finally {
        await app.close();
        await core.close();
      }
      const revoke = cli('token:revoke', '--id', 'pas-un-uuid');
      assert.equal(revoke.status, 1);
    } finally {
      if (testDb.databaseUrl) await testDb.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('relais worker and keys:rotate on the embedded database', () => {
  test('a mail queued while no server runs is delivered by `relais worker`; keys:rotate --new-key re-encrypts', { timeout: 60_000 }, async () => {
    const { startSmtpServer } = await import('./support/smtp.js');
    const { spawn } = await import('node:child_process');
    const smtp = await startSmtpServer();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-worker-'));
    const env = { ...process.env, DATABASE_URL: '', RELAIS_DATA_DIR: dataDir, NODE_ENV: 'test', SMTP_URL: smtp.url, LOG_LEVEL: 'silent' };
    try {
      // Queue a mail and give someone a TOTP secret, then close: the worker will be alone on the folder.
      const config = loadConfig(env as Record<string, string>);
      const core = await openCore(config, { logger: createLogger('silent') });
      let userId: string;
      try {
        await core.mailer.enqueue({ to: 'file@exemple.test', subject: 'Depuis la file', text: 'x' });
        const org = await core.services.organisations.create(null, { actorUserId: null, actorOrganisationId: null, requestId: 't' }, { name: 'Org rotation', type: 'association' });
        const { user } = await core.services.accounts.invitations.createActiveUser({ actorUserId: null, actorOrganisationId: null, requestId: 't' }, {
          email: 'rotation@exemple.test',
          password: 'une phrase de passe solide',
          displayName: 'Rotation',
          organisationName: org.name,
          grant: { role: 'case_worker', scopeKind: 'organisation' },
        });
        userId = user.id;
        await core.db.updateTable('users').set({ totp_secret: core.cipher.encrypt('JBSWY3DPEHPK3PXP', `users.totp_secret:${user.id}`) }).where('id', '=', user.id).execute();
      } finally {
        await core.close();
      }
      const user = { id: userId };

      const worker = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'worker'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => worker.once('exit', resolve));
      const deadline = Date.now() + 30_000;
      while (!smtp.messages.some((m) => m.subject === 'Depuis la file')) {
        if (Date.now() > deadline) throw new Error('the worker did not deliver the mail');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      worker.kill('SIGTERM');
      assert.equal(await exited, 0);

      const rotate = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'keys:rotate', '--new-key'], { env, encoding: 'utf8' });
      assert.equal(rotate.status, 0, rotate.stderr);
      assert.match(rotate.stdout, /Nouvelle clé v2 ajoutée/);
      assert.match(rotate.stdout, /users\.totp_secret : 1 valeur\(s\) rechiffrée\(s\) avec la clé v2/);
      const after = await openCore(loadConfig(env as Record<string, string>), { logger: createLogger('silent') });
      try {
        const row = await after.db.selectFrom('users').select('totp_secret').where('id', '=', user.id).executeTakeFirstOrThrow();
        assert.match(row.totp_secret!, /^rk1\.2\./);
        assert.equal(after.cipher.decrypt(row.totp_secret!, `users.totp_secret:${user.id}`), 'JBSWY3DPEHPK3PXP');
      } finally {
        await after.close();
      }
    } finally {
      await smtp.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
