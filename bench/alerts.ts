
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Pool } from 'undici';
import { openDatabase } from '../src/platform/db/index.js';
import { openEventStream } from '../test/support/sse.js';
import { percentile } from './lib/load.js';
import { benchTargets, cli, seedDemo, type Target } from './lib/targets.js';
import { type RunningServer, startServer } from './lib/server.js';

const ALERT = {
  context: 'aeroport',
  place: { airport: 'CDG' },
  persons: [{ minor: 'yes', estimatedAge: 15, gender: 'female', nationality: 'NG', languages: ['en'] }],
  exploitation: ['sexuelle'],
  indicators: ['accompagnateur_controle'],
  consent: 'minor',
};



/** A fresh database with the demo (desks and rules of the seed) and two API tokens. */
async function prepare(target: Target): Promise<{ reporterToken: string; deskToken: string }> {
  await seedDemo(target);
  return {
    reporterToken: cli(target.env, 'token:create', '--email', 'signalement@demo.relais.test', '--name', 'bench'),
    deskToken: cli(target.env, 'token:create', '--email', 'parquet-mineurs@demo.relais.test', '--name', 'bench'),
  };
}

/** The floor: a bare NOTIFY → LISTEN round trip on the same kind of database, measured from this process. */
async function notifyRoundTrip(target: Target, samples = 500): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  if (target.databaseUrl) {
    const listener = new pg.Client({ connectionString: target.databaseUrl });
    const sender = new pg.Client({ connectionString: target.databaseUrl });
    await listener.connect();
    await sender.connect();
    await listener.query('LISTEN bench_roundtrip');
    for (let i = 0; i < samples; i++) {
      const arrived = new Promise<void>((resolve) => listener.once('notification', () => resolve()));
      const t0 = performance.now();
      await sender.query(`SELECT pg_notify('bench_roundtrip', '${i}')`);
      await arrived;
      times.push(performance.now() - t0);
    }
    await listener.end();
    await sender.end();
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-notify-'));
    const database = await openDatabase({ embeddedDir: dir });
    let wake: () => void = () => {};
    const stop = await database.listen('bench_roundtrip', () => wake());
    for (let i = 0; i < samples; i++) {
      const arrived = new Promise<void>((resolve) => {
        wake = resolve;
      });
      const t0 = performance.now();
      await database.pool.query(`SELECT pg_notify('bench_roundtrip', '${i}')`);
      await arrived;
      times.push(performance.now() - t0);
    }
    await stop();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** Open loop: one POST every 1000/rate ms, whatever the answers, each watched on the desk's SSE stream. */
async function steadyLoad(server: RunningServer, tokens: { reporterToken: string; deskToken: string }, rate: number, seconds: number) {
  const stream = await openEventStream(`${server.origin}/api/v1/alerts/stream`, { authorization: `Bearer ${tokens.deskToken}` });
  await stream.waitFor((e) => e.event === 'ready');
  const arrivals = new Map<string, number>();
  const seen = stream.events.length;
  const poll = setInterval(() => {
    for (const e of stream.events.slice(seen)) {
      const data = e.data as { id: string; kind: string };
      if (e.event === 'alert' && data.kind === 'raised' && !arrivals.has(data.id)) arrivals.set(data.id, performance.now());
    }
  }, 1);
  const pool = new Pool(server.origin, { connections: 32 });
  const posts: Array<{ sent: number; latency: number; id: string }> = [];
  let errors = 0;
  const total = rate * seconds;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    inflight.push(
      pool
        .request({
          method: 'POST',
          path: '/api/v1/alerts',
          headers: { authorization: `Bearer ${tokens.reporterToken}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify(ALERT),
        })
        .then(async (response) => {
          const body = (await response.body.json()) as { id?: string };
          if (response.statusCode !== 201 || !body.id) errors++;
          else posts.push({ sent, latency: performance.now() - sent, id: body.id });
        })
        .catch(() => {
          errors++;
        }),
    );
  }
  await Promise.all(inflight);
  const achieved = total / ((performance.now() - started) / 1000);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  clearInterval(poll);
  for (const e of stream.events.slice(seen)) {
    const data = e.data as { id: string; kind: string };
    if (e.event === 'alert' && data.kind === 'raised' && !arrivals.has(data.id)) arrivals.set(data.id, performance.now());
  }
  stream.close();
  await pool.close();
  const latencies = posts.map((p) => p.latency).sort((a, b) => a - b);
  const deliveries = posts.filter((p) => arrivals.has(p.id)).map((p) => arrivals.get(p.id)! - p.sent).sort((a, b) => a - b);
  return {
    sent: total,
    achievedRate: achieved,
    ok: posts.length,
    errors,
    postP50: percentile(latencies, 50),
    postP99: percentile(latencies, 99),
    delivered: deliveries.length,
    deliveryP50: percentile(deliveries, 50),
    deliveryP99: percentile(deliveries, 99),
  };
}

/**
 * Kill test: the same open loop, each alert with its own key retried until the server answers; the server gets
 * SIGKILL mid-load and is started again. Afterwards every key must have exactly one alert.
 */
async function crashLoad(target: Target, tokens: { reporterToken: string }, rate: number, seconds: number, killAfter: number) {
  let server = await startServer(target.env);
  let origin = server.origin;
  const keys: string[] = [];
  const confirmed = new Map<string, string>();
  let attempts = 0;
  let restarting: Promise<void> | undefined;
  const send = async (key: string): Promise<void> => {
    for (;;) {
      attempts++;
      try {
        const response = await fetch(`${origin}/api/v1/alerts`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens.reporterToken}`, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify(ALERT),
          signal: AbortSignal.timeout(5000),
        });
        if (response.status === 201 || response.status === 200) {
          confirmed.set(key, ((await response.json()) as { id: string }).id);
          return;
        }
      } catch {
        // the server is down: retry with the same key
      }
      if (restarting) await restarting;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const total = rate * seconds;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  let killedAt = 0;
  let downMs = 0;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (!killedAt && performance.now() - started > killAfter * 1000) {
      killedAt = performance.now();
      server.child.kill('SIGKILL');
      restarting = (async () => {
        await new Promise((resolve) => server.child.once('exit', resolve));
        server = await startServer({ ...target.env, PORT: new URL(origin).port });
        origin = server.origin;
        downMs = performance.now() - killedAt;
        restarting = undefined;
      })();
    }
    const key = randomUUID();
    keys.push(key);
    inflight.push(send(key));
  }
  await Promise.all(inflight);
  await server.stop();
  // Count what the database holds for these keys.
  const database = await openDatabase({ databaseUrl: target.databaseUrl, embeddedDir: target.databaseUrl ? undefined : target.dataDir });
  const rows = await database.db.selectFrom('idempotency_keys').select(['key', 'resource_id']).where('key', 'in', keys).execute();
  const alertIds = new Set((await database.db.selectFrom('alerts').select('id').where('id', 'in', rows.length > 0 ? rows.map((r) => r.resource_id) : ['00000000-0000-4000-8000-000000000000']).execute()).map((r) => r.id));
  const confirmedIds = [...confirmed.values()];
  await database.close();
  return {
    keys: keys.length,
    attempts,
    downMs,
    lost: confirmedIds.filter((id) => !alertIds.has(id)).length + (keys.length - confirmed.size),
    duplicated: confirmedIds.length - new Set(confirmedIds).size + (rows.length - new Set(rows.map((r) => r.key)).size),
    stored: alertIds.size,
  };
}

export async function alertsBench(options: { seconds: number; databaseUrl: string | undefined; rate: number }): Promise<string> {
  const targets = await benchTargets('alerts', options.databaseUrl);
  const out: string[] = [];
  out.push(`### ${options.rate} alerts/s for ${options.seconds} s (open loop), POST /api/v1/alerts and delivery on a desk's SSE stream`, '');
  out.push('| database | sent | achieved rate | errors | POST p50 / p99 ms | POST→SSE p50 / p99 ms | delivered | bare NOTIFY→LISTEN p50 / p99 ms | p99 ratio (delivery ÷ NOTIFY) |');
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const crashes: string[] = [];
  for (const target of targets) {
    const step = (what: string) => process.stderr.write(`[bench alerts] ${target.label}: ${what}\n`);
    step('preparing the database and tokens');
    const tokens = await prepare(target);
    step('measuring NOTIFY → LISTEN');
    const floor = await notifyRoundTrip(target);
    step('steady load');
    const server = await startServer(target.env);
    const result = await steadyLoad(server, tokens, options.rate, options.seconds);
    await server.stop();
    step('kill test');
    out.push(
      `| ${target.label} | ${result.sent} | ${result.achievedRate.toFixed(1)}/s | ${result.errors} | ${result.postP50.toFixed(1)} / ${result.postP99.toFixed(1)} | ${result.deliveryP50.toFixed(1)} / ${result.deliveryP99.toFixed(1)} | ${result.delivered}/${result.ok} | ${floor.p50.toFixed(2)} / ${floor.p99.toFixed(2)} | ${(result.deliveryP99 / floor.p99).toFixed(0)} × |`,
    );
    const crash = await crashLoad(target, tokens, options.rate, 30, 10);
    crashes.push(`| ${target.label} | ${crash.keys} | ${crash.attempts} | ${(crash.downMs / 1000).toFixed(1)} s | ${crash.stored} | ${crash.lost} | ${crash.duplicated} |`);
  }
  out.push('', `### SIGKILL mid-load: ${options.rate} alerts/s for 30 s, server killed after 10 s and restarted; the client retries each alert with its Idempotency-Key`, '');
  out.push('| database | alerts (keys) | requests sent | server down | alerts stored | lost | duplicated |', '|---|---:|---:|---:|---:|---:|---:|', ...crashes, '');
  return out.join('\n');
}
