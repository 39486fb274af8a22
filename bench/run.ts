import os from 'node:os';
import { alertsBench } from './alerts.js';
import { casesBench } from './cases.js';
import { directoryBench } from './directory.js';
import { foundationBench } from './foundation.js';
import { newsletterBench } from './newsletter.js';
import { newsletterWindowBench } from './newsletter-window.js';
import { placementsBench } from './placements.js';
import { statisticsBench } from './statistics.js';

/**
 * `npm run bench [-- <suite>…] [--seconds N]`: runs the benchmark suites and prints Markdown for
 * bench/RESULTS.md. With DATABASE_URL (a server the bench may create databases on), PostgreSQL is measured too.
 */
const args = process.argv.slice(2);
const secondsIndex = args.indexOf('--seconds');
const seconds = secondsIndex >= 0 ? Number(args[secondsIndex + 1]) : undefined;
const suites = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--seconds');
const all: Record<string, () => Promise<string>> = {
  foundation: () => foundationBench({ seconds: seconds ?? 15, databaseUrl: process.env.DATABASE_URL }),
  alerts: () => alertsBench({ seconds: seconds ?? 60, rate: 50, databaseUrl: process.env.DATABASE_URL }),
  placements: () => placementsBench({ runs: 500, warmup: 50, offers: 5000, databaseUrl: process.env.DATABASE_URL }),
  cases: () =>
    casesBench({ files: 10_000, organisations: 200, leadFiles: 600, reads: 500, lists: 100, entries: 300, indicators: 50, databaseUrl: process.env.DATABASE_URL }),
  directory: () =>
    directoryBench({ places: 50_000, runs: 500, warmup: 50, seconds: seconds ?? 15, connections: 8, databaseUrl: process.env.DATABASE_URL }),
  newsletter: () => newsletterBench({ subscribers: 100_000, connections: 8, databaseUrl: process.env.DATABASE_URL }),
  'newsletter-window': () =>
    newsletterWindowBench({ messages: 20_000, connections: 8, databaseUrl: process.env.DATABASE_URL }),
  statistics: () => statisticsBench({ alerts: 200_000, cases: 50_000, runs: 30, warmup: 5, databaseUrl: process.env.DATABASE_URL }),
};
const selected = suites.length > 0 ? suites : Object.keys(all);
console.log(`<!-- ${new Date().toISOString()} · ${os.cpus().length} × ${os.cpus()[0]?.model} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.versions.node} -->`);
for (const name of selected) {
  const suite = all[name];
  if (!suite) throw new Error(`Unknown suite ${name}; known: ${Object.keys(all).join(', ')}`);
  console.log(`\n## ${name}\n`);
  console.log(await suite());
}
