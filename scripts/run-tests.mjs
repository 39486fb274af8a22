// Runs the suite with node's test runner and fails when no test ran: a glob that matches nothing exits 0.
// `npm test` runs everything (e2e included: they skip when Chromium is missing unless RELAIS_E2E=require);
// `npm test -- e2e` runs only the browser tests; `npm test -- unit` everything but them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const mode = process.argv[2] ?? 'all';
const extra = process.argv.slice(3);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function collect(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return collect(full);
    return entry.name.endsWith('.test.ts') ? [path.relative(root, full)] : [];
  });
}

const all = collect(path.join(root, 'test')).sort();
// RELAIS_E2E=off leaves the browser tests out of `npm test` (CI runs them as their own step).
const withBrowser = process.env.RELAIS_E2E !== 'off';
const files = all.filter((f) =>
  mode === 'e2e' ? f.startsWith('test/e2e/') : mode === 'unit' || !withBrowser ? !f.startsWith('test/e2e/') : true,
);
if (files.length === 0) {
  console.error(`Aucun fichier de test trouvé (mode ${mode}).`);
  process.exit(1);
}
const countFile = path.join(os.tmpdir(), `relais-test-count-${process.pid}.json`);
const args = [
  '--import',
  'tsx',
  '--test',
  `--test-concurrency=${process.env.RELAIS_TEST_CONCURRENCY ?? '2'}`,
  '--test-global-setup=test/support/global-setup.mjs',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=./test/support/count-reporter.mjs',
  `--test-reporter-destination=${countFile}`,
  ...extra,
  ...files,
];
const database = process.env.DATABASE_URL ? `PostgreSQL (${new URL(process.env.DATABASE_URL).host})` : 'PGlite embarqué';
console.log(`Relais : ${files.length} fichiers de test sur ${database}, Node ${process.versions.node}.`);
const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root });
let counts = { tests: 0, skipped: 0 };
try {
  counts = JSON.parse(fs.readFileSync(countFile, 'utf8'));
  fs.rmSync(countFile, { force: true });
} catch {
  // no count written: the runner crashed before the end
}
if (counts.tests === 0) {
  console.error('Aucun test n’a été exécuté : échec.');
  process.exit(1);
}
console.log(`${counts.tests} tests exécutés, dont ${counts.skipped} ignorés.`);
process.exit(result.status ?? 1);
