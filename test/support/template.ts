import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { GEOGRAPHY_VERSION } from '../../seeds/geography.js';
import { loadConfig } from '../../src/config.js';
import { openCore } from '../../src/core.js';
import { type Database, openDatabase } from '../../src/platform/db/index.js';
import { createLogger } from '../../src/platform/logger.js';
import { TEST_SECRETS } from './secrets.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cacheDir = path.join(root, 'node_modules', '.cache', 'relais-test');

/** Changes whenever what a fresh database contains changes: migrations, geography, pg-boss. */
function templateKey(): string {
  const hash = createHash('sha256');
  const migrations = path.join(root, 'migrations');
  for (const file of fs.readdirSync(migrations).sort()) hash.update(file).update(fs.readFileSync(path.join(migrations, file)));
  hash.update(GEOGRAPHY_VERSION);
  hash.update(JSON.parse(fs.readFileSync(path.join(root, 'node_modules/pg-boss/package.json'), 'utf8')).version);
  hash.update(JSON.parse(fs.readFileSync(path.join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')).version);
  return hash.digest('hex').slice(0, 12);
}

export const TEMPLATE_KEY = templateKey();
const pgliteTemplatePath = path.join(cacheDir, `pglite-${TEMPLATE_KEY}.tar.gz`);
const serverTemplateName = `relais_tpl_${TEMPLATE_KEY}`;

function serverUrl(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.href;
}

async function adminQuery(databaseUrl: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: serverUrl(databaseUrl, 'postgres') });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

async function prepareContent(database: Database, databaseUrl: string | undefined): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(cacheDir, 'tpl-'));
  const config = loadConfig({ NODE_ENV: 'test', RELAIS_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const core = await openCore(config, { database, secrets: TEST_SECRETS, logger: createLogger('silent') });
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** Builds (once per content version) the database every test file starts from. */
export async function ensureTemplate(): Promise<void> {
  fs.mkdirSync(cacheDir, { recursive: true });
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const exists = await adminQuery(databaseUrl, `SELECT 1 FROM pg_database WHERE datname = '${serverTemplateName}'`);
    if (exists.rowCount) return;
    const building = `${serverTemplateName}_${randomBytes(4).toString('hex')}`;
    await adminQuery(databaseUrl, `CREATE DATABASE ${building}`);
    const database = await openDatabase({ databaseUrl: serverUrl(databaseUrl, building), poolMax: 4 });
    try {
      await prepareContent(database, serverUrl(databaseUrl, building));
    } finally {
      await database.close();
    }
    await adminQuery(databaseUrl, `ALTER DATABASE ${building} RENAME TO ${serverTemplateName}`).catch(async (error) => {
      // Another run published it first.
      await adminQuery(databaseUrl, `DROP DATABASE IF EXISTS ${building}`);
      if (!String(error.message).includes('already exists')) throw error;
    });
    return;
  }
  if (fs.existsSync(pgliteTemplatePath)) return;
  const database = await openDatabase({});
  try {
    await prepareContent(database, undefined);
    const archive = await database.pglite!.dumpDataDir('gzip');
    const temporary = `${pgliteTemplatePath}.${process.pid}`;
    fs.writeFileSync(temporary, Buffer.from(await archive.arrayBuffer()));
    fs.renameSync(temporary, pgliteTemplatePath);
  } finally {
    await database.close();
  }
}

export interface TestDatabase {
  database: Database;
  databaseUrl: string | undefined;
  drop(): Promise<void>;
}

/** A fresh database for one test file: a copy of the template, in memory (PGlite) or on the server. */
export async function openTestDatabase(): Promise<TestDatabase> {
  await ensureTemplate();
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const name = `relais_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    await adminQuery(databaseUrl, `CREATE DATABASE ${name} TEMPLATE ${serverTemplateName}`);
    const url = serverUrl(databaseUrl, name);
    const database = await openDatabase({ databaseUrl: url, poolMax: 10 });
    return {
      database,
      databaseUrl: url,
      async drop() {
        await database.close();
        await adminQuery(databaseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const database = await openDatabase({ embeddedTemplate: new Blob([fs.readFileSync(pgliteTemplatePath)]) });
  return { database, databaseUrl: undefined, drop: () => database.close() };
}
