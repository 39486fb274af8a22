import { Pool } from 'undici';

export interface LoadResult {
  label: string;
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function summarise(label: string, latencies: number[], errors: number, seconds: number): LoadResult {
  latencies.sort((a, b) => a - b);
  return {
    label,
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
  };
}

/**
 * Closed-loop load: `connections` keep-alive connections, each sending the next request as soon as the previous
 * answer is read, for `seconds`. Latency is measured per request with a monotonic clock, in milliseconds.
 */
export async function closedLoop(options: {
  label: string;
  origin: string;
  /** A fixed path, or a function giving each request's path (varied requests). */
  path: string | (() => string);
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: () => string;
  expectStatus?: number;
}): Promise<LoadResult> {
  const pool = new Pool(options.origin, { connections: options.connections, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          const response = await pool.request({
            method: options.method ?? 'GET',
            path: typeof options.path === 'string' ? options.path : options.path(),
            headers: options.headers,
            body: options.body?.(),
          });
          await response.body.dump();
          if (response.statusCode !== (options.expectStatus ?? 200)) errors++;
          else latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return summarise(options.label, latencies, errors, seconds);
}

export function table(results: readonly LoadResult[]): string {
  const lines = [
    '| route | req/s | p50 ms | p95 ms | p99 ms | errors | requests |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.label} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.errors} | ${r.requests} |`,
    );
  }
  return lines.join('\n');
}
