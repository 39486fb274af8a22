import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { closedLoop, type LoadResult, table } from './lib/load.js';
import { startServer } from './lib/server.js';

/**
 * Issue 2: start-up (fresh and second start, RSS), then home page and /healthz at 10 connections beside the
 * app's constant JSON route (/api/v1/ping), in the same run, on PGlite and on PostgreSQL.
 */
export async function foundationBench(options: { seconds: number; databaseUrl: string | undefined }): Promise<string> {
  const out: string[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-bench-'));
  const embeddedEnv = { RELAIS_DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'development' };

  const first = await startServer(embeddedEnv);
  const firstRss = first.rssMb();
  await first.stop();
  const second = await startServer(embeddedEnv);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const secondRss = second.rssMb();
  out.push('### Start-up (embedded PGlite, `src/server.ts` as `npm start` runs it)', '');
  out.push('| | ready (until /healthz answers 200) | RSS after start |', '|---|---:|---:|');
  out.push(`| first start, empty data folder (creates the database, geography, demo) | ${(first.readyMs / 1000).toFixed(1)} s | ${firstRss.toFixed(0)} MB |`);
  out.push(`| second start, same folder | ${(second.readyMs / 1000).toFixed(1)} s | ${secondRss.toFixed(0)} MB |`, '');

  const routes = async (origin: string, suffix: string): Promise<LoadResult[]> => {
    const results: LoadResult[] = [];
    for (const [label, route] of [
      ['GET /api/v1/ping (constant JSON)', '/api/v1/ping'],
      ['GET /healthz (SELECT 1)', '/healthz'],
      ['GET / (home page, rendered)', '/'],
    ] as const) {
      await closedLoop({ label, origin, path: route, connections: 10, seconds: 2 }); // warm-up
      results.push(await closedLoop({ label: `${label} — ${suffix}`, origin, path: route, connections: 10, seconds: options.seconds }));
    }
    return results;
  };

  const results = await routes(second.origin, 'PGlite');
  second.child.stdout?.removeAllListeners();
  const rssAfterLoad = second.rssMb();
  await second.stop();

  if (options.databaseUrl) {
    const admin = new pg.Client({ connectionString: options.databaseUrl });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS relais_bench WITH (FORCE)');
    await admin.query('CREATE DATABASE relais_bench');
    await admin.end();
    const url = new URL(options.databaseUrl);
    url.pathname = '/relais_bench';
    const server = await startServer({ RELAIS_DATA_DIR: dataDir, DATABASE_URL: url.href, NODE_ENV: 'development' });
    results.push(...(await routes(server.origin, 'PostgreSQL 15')));
    await server.stop();
  }
  out.push(`### Requests at 10 connections, ${options.seconds} s each (load generator in a second process, same machine)`, '');
  out.push(table(results), '');
  const ratio = (a: string, b: string) => {
    const x = results.find((r) => r.label.startsWith(a));
    const y = results.find((r) => r.label.startsWith(b));
    return x && y ? (x.rps / y.rps).toFixed(2) : 'n/a';
  };
  out.push(`Ratios on PGlite: /healthz ÷ ping = ${ratio('GET /healthz', 'GET /api/v1/ping')}, home ÷ ping = ${ratio('GET / ', 'GET /api/v1/ping')}. RSS after the load: ${rssAfterLoad.toFixed(0)} MB.`, '');
  fs.rmSync(dataDir, { recursive: true, force: true });
  return out.join('\n');
}
