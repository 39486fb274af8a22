import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { percentile } from './load.js';
import { startServer } from './server.js';

/** A database a benchmark runs against: embedded PGlite in a fresh folder, or a fresh PostgreSQL database. */
export interface Target {
  label: string;
  env: Record<string, string>;
  dataDir: string;
  databaseUrl: string | undefined;
}

/**
 * PGlite always (unless `RELAIS_BENCH_ONLY=postgres`, to measure one target again); PostgreSQL too when a server
 * URL is given (its `relais_bench_<name>` database is recreated).
 */
export async function benchTargets(name: string, databaseUrl: string | undefined): Promise<Target[]> {
  const targets: Target[] = [];
  if (process.env.RELAIS_BENCH_ONLY !== 'postgres') {
    const embeddedDir = fs.mkdtempSync(path.join(os.tmpdir(), `relais-bench-${name}-`));
    targets.push({
      label: 'PGlite',
      env: { RELAIS_DATA_DIR: embeddedDir, DATABASE_URL: '', NODE_ENV: 'development' },
      dataDir: embeddedDir,
      databaseUrl: undefined,
    });
  }
  if (databaseUrl) {
    const database = `relais_bench_${name}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = new URL(databaseUrl);
    url.pathname = `/${database}`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `relais-bench-${name}-pg-`));
    targets.push({
      label: 'PostgreSQL 15',
      env: { RELAIS_DATA_DIR: dataDir, DATABASE_URL: url.href, NODE_ENV: 'development' },
      dataDir,
      databaseUrl: url.href,
    });
  }
  return targets;
}

/** Percentiles of one-at-a-time runs (milliseconds). */
export interface RunStats {
  runs: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function runStats(times: number[], errors: number): RunStats {
  times.sort((a, b) => a - b);
  return {
    runs: times.length,
    errors,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times.at(-1) ?? Number.NaN,
  };
}

/** Runs `relais …` on the target's database; its last line of output (a token, for instance). */
export function cli(env: Record<string, string>, ...args: string[]): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`relais ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim().split('\n').at(-1)!;
}

/** The demo data (organisations, one account per role, desks and rules) on a fresh target. */
export async function seedDemo(target: Target): Promise<void> {
  if (target.databaseUrl) {
    cli(target.env, 'seed', '--demo');
  } else {
    const first = await startServer(target.env); // creates the embedded database and its demo data
    await first.stop();
  }
}
