import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertNode24 } from './platform/runtime.js';

assertNode24();

const { buildApp } = await import('./app.js');
const { ConfigError, loadConfig } = await import('./config.js');
const { openCore } = await import('./core.js');
const { DatabaseLockedError } = await import('./platform/db/embedded.js');
const { DatabaseUnavailableError } = await import('./platform/db/index.js');
const { MigrationError } = await import('./platform/db/migrate.js');
const { KeyError } = await import('./platform/crypto/fields.js');
const { readDemoLogins, seedDemo, seedDemoAlerting } = await import('../seeds/demo.js');
const { seedDemoPlacements } = await import('../seeds/demo-placements.js');
const { seedDemoCases } = await import('../seeds/demo-cases.js');
const { seedDemoDirectory } = await import('../seeds/demo-directory.js');
const { seedDemoLibrary } = await import('../seeds/demo-library.js');
const { seedDemoTexts } = await import('../seeds/demo-texts.js');
const { seedLeaflet } = await import('../seeds/leaflet.js');
const { seedDemoSteering } = await import('../seeds/demo-steering.js');
const { seedDemoTraining } = await import('../seeds/demo-training.js');
const { seedDemoLearning } = await import('../seeds/demo-learning.js');
const { seedDemoScenario } = await import('../seeds/demo-scenario.js');
const { startMetricsServer } = await import('./platform/http/metrics-server.js');
const { createMetrics } = await import('./platform/metrics.js');

/** Failures we can explain in one line: no stack trace for an operator. */
function explain(error: unknown): string | undefined {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof DatabaseUnavailableError || error instanceof DatabaseLockedError || error instanceof MigrationError) return error.message;
  if (error instanceof KeyError) return `Clés de chiffrement : ${error.message}`;
  return undefined;
}

/**
 * A new embedded database is created by a child process (`relais migrate`): PGlite's initdb and the geography
 * loading leave ~250 MB behind in the process that ran them, which the server should not carry for its life.
 */
async function createEmbeddedDatabaseApart(dataDir: string): Promise<void> {
  if (fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))) return;
  const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'migrate'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`La création de la base embarquée a échoué (code ${code}).`);
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  if (!config.databaseUrl) await createEmbeddedDatabaseApart(config.dataDir);
  const core = await openCore(config);
  let demoLogins = config.demo ? readDemoLogins(config.dataDir) : undefined;
  if (config.demo && core.database.kind === 'embedded') {
    const existing = await core.db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
    if (!existing) {
      demoLogins = await seedDemo(core);
      await seedDemoAlerting(core);
      await seedDemoPlacements(core);
      await seedDemoCases(core);
      await seedDemoDirectory(core);
      await seedDemoLibrary(core);
      await seedDemoTexts(core);
      await seedLeaflet(core);
    }
    // Added with the steering space: a demo database created before it gets its plan too (no-op once there).
    await seedDemoSteering(core);
    // Added with the training module (no-op once there).
    await seedDemoTraining(core);
    await seedDemoLearning(core);
    await seedDemoScenario(core.db);
  }
  const metrics = createMetrics();
  const app = await buildApp(core, { metrics });
  if (config.runWorkers) {
    await core.jobs.work();
    // A newsletter send interrupted by a stop or a crash goes on.
    await core.services.newsletter.sender.resume();
  }
  const metricsServer = config.metricsPort ? await startMetricsServer(metrics.registry, config.host, config.metricsPort) : undefined;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    core.logger.info({ signal }, 'stopping: draining requests');
    const timer = setTimeout(() => {
      core.logger.error('shutdown took longer than 20 s; exiting');
      process.exit(1);
    }, 20_000);
    timer.unref();
    try {
      await metricsServer?.close();
      await app.close();
      await core.close();
      process.exitCode = 0;
    } catch (error) {
      core.logger.error({ err: error }, 'error while stopping');
      process.exitCode = 1;
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  const address = await app.listen({ host: config.host, port: config.port });
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const where = core.database.kind === 'embedded' ? `base embarquée ${config.dataDir}` : core.database.description;
  const lines = [
    '',
    `Relais est prêt en ${seconds} s : ${config.publicUrl} (écoute ${address}, ${where}).`,
    core.transport.kind === 'outbox' ? `Courriels : écrits dans ${config.dataDir}/outbox/ et listés sur /admin/courriels.` : 'Courriels : envoyés par SMTP.',
  ];
  if (demoLogins) {
    lines.push('', 'Comptes de démonstration (mot de passe) :');
    for (const login of demoLogins) lines.push(`  ${login.role.padEnd(18)} ${login.email.padEnd(36)} ${login.password}`);
    lines.push('  (administration, coordination et suivi demandent d’activer la double authentification à la première connexion)');
  }
  console.log(lines.join('\n'));
}

try {
  await main();
} catch (error) {
  const message = explain(error);
  if (message) console.error(message);
  else console.error(error);
  process.exit(1);
}
