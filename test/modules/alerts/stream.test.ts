import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { build, type TestContext } from '../../support/app.js';
import { DESKS, minorAtCdg, withDemoAlerting } from '../../support/alerting.js';
import { freePort } from '../../support/net.js';
import { TEST_SECRETS } from '../../support/secrets.js';
import { openEventStream } from '../../support/sse.js';

async function tokenFor(ctx: TestContext, email: string): Promise<string> {
  return (
    await ctx.core.services.accounts.apiTokens.createForEmail(
      email,
      { actorUserId: null, actorOrganisationId: null, requestId: 't' },
      { name: 'flux' },
    )
  ).token;
}

describe('the live stream of alerts (Server-Sent Events)', () => {
  let ctx: TestContext;
  let base: string;
  let helpers: Awaited<ReturnType<typeof withDemoAlerting>>;

  before(async () => {
    ctx = await build();
    helpers = await withDemoAlerting(ctx);
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  });
  after(() => ctx.close());

  test('a desk member’s stream gets its desks’ alerts; another territory’s does not', async () => {
    const pafUser = await helpers.member(DESKS.paf, { departements: '95' });
    const marseilleUser = await ctx.createUser({ role: 'coordinator', departements: '13' });
    const reporterUser = await ctx.createUser({ role: 'frontline', airport: 'CDG' });
    const paf = await openEventStream(`${base}/api/v1/alerts/stream`, {
      authorization: `Bearer ${await tokenFor(ctx, pafUser.email)}`,
    });
    const marseille = await openEventStream(`${base}/api/v1/alerts/stream`, {
      authorization: `Bearer ${await tokenFor(ctx, marseilleUser.email)}`,
    });
    const anonymous = await openEventStream(`${base}/api/v1/alerts/stream`, {});
    try {
      assert.equal(anonymous.status, 401);
      await paf.waitFor((e) => e.event === 'ready');
      await marseille.waitFor((e) => e.event === 'ready');
      const reporter = ctx.client();
      reporter.bearer = await tokenFor(ctx, reporterUser.email);
      const started = performance.now();
      const { id, reference } = (await reporter.send('POST', '/api/v1/alerts', minorAtCdg())).json();
      const received = await paf.waitFor((e) => e.event === 'alert' && (e.data as { id: string }).id === id);
      assert.deepEqual(received.data, { id, reference, kind: 'raised', status: 'open' });
      assert.ok(performance.now() - started < 2000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(!marseille.events.some((e) => e.event === 'alert'), 'Marseille saw nothing');
    } finally {
      paf.close();
      marseille.close();
    }
  });

  test('two app processes on one PostgreSQL: an alert raised on one reaches a stream opened on the other', {
    skip: process.env.DATABASE_URL
      ? false
      : 'PGlite is a single process: this needs DATABASE_URL (CI runs it on PostgreSQL)',
    timeout: 60_000,
  }, async () => {
    const port = await freePort();
    const other = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: ctx.databaseUrl!,
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        RELAIS_WORKERS: 'off',
        RELAIS_DATA_KEYS: TEST_SECRETS.dataKeys,
        RELAIS_SECRET: TEST_SECRETS.secret,
        RELAIS_DATA_DIR: ctx.dataDir,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => other.once('exit', resolve));
    try {
      const deadline = Date.now() + 40_000;
      for (;;) {
        try {
          if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
        } catch {
          // not yet
        }
        if (Date.now() > deadline) throw new Error('the second process did not start');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const member = await helpers.member(DESKS.parquetMineurs);
      const stream = await openEventStream(`http://127.0.0.1:${port}/api/v1/alerts/stream`, {
        authorization: `Bearer ${await tokenFor(ctx, member.email)}`,
      });
      try {
        await stream.waitFor((e) => e.event === 'ready');
        const reporter = ctx.client();
        reporter.bearer = await tokenFor(
          ctx,
          (await ctx.createUser({ role: 'frontline', airport: 'CDG' })).email,
        );
        const { id } = (await reporter.send('POST', '/api/v1/alerts', minorAtCdg())).json();
        const event = await stream.waitFor(
          (e) => e.event === 'alert' && (e.data as { id: string }).id === id,
        );
        assert.equal((event.data as { kind: string }).kind, 'raised');
      } finally {
        stream.close();
      }
    } finally {
      other.kill('SIGTERM');
      await exited;
    }
  });
});
