import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { freePort } from './support/net.js';


function startServer(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the server process', () => {
  test('first start creates the embedded database with demo data; a second process is refused; SIGTERM stops cleanly', { timeout: 120_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-server-'));
    const port = await freePort();
    const metricsPort = await freePort();
    const env = { RELAIS_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', NODE_ENV: 'development' };
    const first = startServer({ ...env, METRICS_PORT: String(metricsPort) });
    try {
      await waitFor(() => first.output().includes('Relais est prêt'), 90_000, 'first start');
      assert.match(first.output(), /Comptes de démonstration/);
      assert.match(first.output(), /admin@demo\.relais\.test\s+\S{16}/);
      const home = await fetch(`http://127.0.0.1:${port}/`);
      assert.equal(home.status, 200);
      assert.match(await home.text(), /<html lang="fr"/);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.deepEqual(await health.json(), { status: 'ok', database: 'ok' });
      // /metrics needs an admin on the main port, and is open on METRICS_PORT for a private scraper.
      assert.equal((await fetch(`http://127.0.0.1:${port}/metrics`, { redirect: 'manual' })).status, 302);
      const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      assert.equal(metrics.status, 200);
      assert.match(await metrics.text(), /relais_http_request_duration_seconds_bucket\{.*route="\/healthz"/);
      assert.ok(fs.existsSync(path.join(dataDir, 'relais.lock')));
      assert.ok(fs.existsSync(path.join(dataDir, 'secrets.json')), 'the demo keeps its generated keys in the data folder');

      const second = startServer({ ...env, PORT: String(await freePort()) });
      const code = await second.exited;
      assert.equal(code, 1);
      assert.match(second.output(), new RegExp(`déjà ouverte par le processus ${first.child.pid}`));
      assert.doesNotMatch(second.output(), /\n\s+at /, 'one clear line, no stack trace');
    } finally {
      first.child.kill('SIGTERM');
    }
    assert.equal(await first.exited, 0);
    assert.equal(fs.existsSync(path.join(dataDir, 'relais.lock')), false, 'the lock is released');

    // A second start on the same folder: no demo seeding again, same logins printed from the folder.
    const again = startServer({ ...env, PORT: String(await freePort()) });
    try {
      await waitFor(() => again.output().includes('Relais est prêt'), 30_000, 'second start');
      const organisations = (again.output().match(/Comptes de démonstration/g) ?? []).length;
      assert.equal(organisations, 1);
    } finally {
      again.child.kill('SIGINT');
    }
    assert.equal(await again.exited, 0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('a database that is down gives one clear line and a non-zero exit', async () => {
    const run = startServer({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/relais', PORT: String(await freePort()), RELAIS_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'relais-down-')) });
    assert.equal(await run.exited, 1);
    const lines = run.output().trim().split('\n');
    assert.equal(lines.length, 1, run.output());
    assert.match(lines[0]!, /^Base de données injoignable \(postgres:\/\/127\.0\.0\.1:1\/relais\)/);
  });

  test('production refuses to start without its secrets, and says which', async () => {
    const run = startServer({ NODE_ENV: 'production', RELAIS_DATA_KEYS: '', RELAIS_SECRET: '', PUBLIC_URL: '', DATABASE_URL: '' });
    assert.equal(await run.exited, 1);
    for (const name of ['RELAIS_DATA_KEYS', 'RELAIS_SECRET', 'PUBLIC_URL']) assert.match(run.output(), new RegExp(name));
  });
});
