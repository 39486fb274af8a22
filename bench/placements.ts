
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { type Insertable, type Kysely, sql } from 'kysely';
import { Pool } from 'undici';
import { loadConfig } from '../src/config.js';
import { addressContext } from '../src/modules/placements/deps.js';
import { PUBLICS, type Public, URGENCIES } from '../src/modules/placements/reference.js';
import { createPlacementRepository, type SearchCriteria } from '../src/modules/placements/repository.js';
import type { SearchInput } from '../src/modules/placements/schemas.js';
import { createFieldCipher, type FieldCipher } from '../src/platform/crypto/fields.js';
import { loadSecrets } from '../src/platform/crypto/secrets.js';
import { openDatabase } from '../src/platform/db/index.js';
import type { DB, HostOffersTable, OrganisationsTable, PlacementsTable } from '../src/platform/db/schema.js';
import { createGeo } from '../src/platform/geo/index.js';
import { prng } from './lib/random.js';
import { benchTargets, cli, runStats, type RunStats, seedDemo, type Target } from './lib/targets.js';
import { startServer } from './lib/server.js';

/**
 * Issue 4: the placement search on 5,000 generated host offers. The search statement alone (the repository's
 * `search(criteria)`, from this process) and `POST /api/v1/placements/search` over HTTP (server started as
 * `npm start` runs it, a duty desk's API token), with the same varied inputs, on PGlite and on PostgreSQL.
 */


const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LANGUAGES = ['en', 'fr', 'ro', 'ar', 'es', 'pt', 'zh', 'ru', 'bg', 'vi', 'tl', 'uk', 'sq', 'ha', 'yo', 'ti', 'fa', 'hu'];
const REQUESTER = 'coordination@demo.relais.test';
const SEARCHER = 'parquet-mineurs@demo.relais.test';



/** A fresh database with the demo accounts, and an API token (placements:read) of the parquet des mineurs desk. */
async function prepare(target: Target): Promise<string> {
  await seedDemo(target);
  return cli(target.env, 'token:create', '--email', SEARCHER, '--name', 'bench placements', '--scopes', 'placements:read');
}

interface Commune {
  code: string;
  departement_code: string;
  latitude: number;
  longitude: number;
  population: number | null;
}

/** Picks communes with a probability growing with the square root of their population (structures sit in towns). */
function communeSampler(communes: readonly Commune[], random: ReturnType<typeof prng>) {
  const cumulative: number[] = [];
  let total = 0;
  for (const c of communes) {
    total += Math.sqrt((c.population ?? 0) + 1);
    cumulative.push(total);
  }
  return () => {
    const r = random.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return communes[lo]!;
  };
}

async function insertChunks<T extends 'organisations' | 'host_offers' | 'placements'>(db: Kysely<DB>, table: T, rows: ReadonlyArray<Insertable<DB[T]>>) {
  for (let i = 0; i < rows.length; i += 1000) {
    // biome-ignore lint/suspicious/noExplicitAny: Kysely cannot narrow a generic table's insert type
    await db.insertInto(table).values(rows.slice(i, i + 1000) as any).execute();
  }
}

/**
 * The generated network: `count` host offers of organisations of type structure_accueil (1–4 offers each) in real
 * communes, every public, capacities 1–20, languages, specialisations, some paused, some stale, some secret
 * addresses (encrypted like the service does); the places in use (started, accepted, held) and a history of
 * ended, refused, cancelled and expired placements, all inserted in bulk.
 */
async function generateNetwork(db: Kysely<DB>, cipher: FieldCipher, count: number, now: Date) {
  const random = prng(4);
  const communes = (await db
    .selectFrom('communes')
    .select(['code', 'departement_code', 'latitude', 'longitude', 'population'])
    .where('kind', '=', 'commune')
    .where('latitude', 'is not', null)
    .where('longitude', 'is not', null)
    .orderBy('code')
    .execute()) as Commune[];
  const commune = communeSampler(communes, random);
  const requester = await db.selectFrom('users').select(['id', 'organisation_id']).where('email', '=', REQUESTER).executeTakeFirstOrThrow();

  const organisations: Array<Insertable<OrganisationsTable>> = [];
  const offers: Array<Insertable<HostOffersTable> & { id: string }> = [];
  const placements: Array<Insertable<PlacementsTable>> = [];
  let reference = 0;
  const placement = (offerId: string, status: PlacementsTable['status'], createdAt: Date, values: Partial<Insertable<PlacementsTable>> = {}) => {
    const from = commune();
    placements.push({
      reference: `PLC-BENCH-${String(++reference).padStart(6, '0')}`,
      offer_id: offerId,
      status,
      profile: JSON.stringify({ public: 'bench' }),
      exploitation_departement: from.departement_code,
      distance_km: random.int(100, 900),
      urgency: random.pick(URGENCIES),
      requested_by: requester.id,
      requested_by_organisation: requester.organisation_id,
      hold_expires_at: new Date(createdAt.getTime() + 4 * HOUR),
      created_at: createdAt,
      updated_at: createdAt,
      ...values,
    });
  };

  while (offers.length < count) {
    const organisationId = randomUUID();
    const home = commune();
    organisations.push({
      id: organisationId,
      name: `Structure d’accueil de banc d’essai n° ${organisations.length + 1}`,
      type: 'structure_accueil',
      departement_code: home.departement_code,
      is_demo: true,
      active: !random.chance(0.02),
    });
    const offersHere = Math.min(count - offers.length, random.weighted([[1, 35], [2, 30], [3, 20], [4, 15]] as const));
    for (let k = 0; k < offersHere; k++) {
      const id = randomUUID();
      const where = random.chance(0.8) ? home : commune();
      const publicOf: Public = random.weighted([['mineures', 25], ['mineurs', 20], ['femmes', 30], ['hommes', 10], ['familles', 15]] as const);
      const minor = publicOf === 'mineures' || publicOf === 'mineurs';
      const specialisation = random.weighted([['teh', 25], ['non_specialised', 60], ['foster_families', minor ? 20 : 5]] as const);
      const capacity = random.int(1, 20);
      const secret = random.chance(publicOf === 'femmes' || publicOf === 'familles' ? 0.2 : 0.05);
      const confirmedDaysAgo = random.weighted([[random.next() * 2, 55], [2 + random.next() * 5, 25], [8 + random.next() * 52, 20]] as const);
      offers.push({
        id,
        organisation_id: organisationId,
        name: `Accueil ${publicOf} n° ${offers.length + 1}`,
        public: publicOf,
        capacity,
        languages: random.subset(LANGUAGES, 0, 3),
        specialisation,
        foster_family_count: specialisation === 'foster_families' ? random.int(1, 10) : null,
        min_age: minor ? (random.chance(0.6) ? random.int(11, 15) : null) : random.chance(0.4) ? 18 : null,
        max_age: minor ? (random.chance(0.6) ? 17 : null) : random.chance(0.2) ? random.int(25, 60) : null,
        accompanied_children: publicOf === 'familles' ? random.chance(0.8) : publicOf === 'femmes' ? random.chance(0.2) : false,
        secret_address: secret,
        address: secret ? cipher.encrypt(`${random.int(1, 200)} rue du banc d’essai`, addressContext(id)) : null,
        commune_code: where.code,
        departement_code: where.departement_code,
        latitude: where.latitude,
        longitude: where.longitude,
        status: random.chance(0.08) ? 'paused' : 'open',
        capacity_confirmed_at: new Date(now.getTime() - confirmedDaysAgo * DAY),
        is_demo: true,
        created_at: new Date(now.getTime() - 90 * DAY),
        updated_at: new Date(now.getTime() - confirmedDaysAgo * DAY),
      });
      // Places in use: a quarter of the offers full, almost half partly used, the rest empty.
      const used = random.weighted([[capacity, 25], [random.int(1, Math.max(1, capacity - 1)), 45], [0, 30]] as const);
      for (let u = 0; u < used; u++) {
        const kind = random.weighted([['started', 60], ['accepted', 20], ['held', 20]] as const);
        if (kind === 'held') {
          placement(id, 'held', new Date(now.getTime() - random.next() * 3 * HOUR));
        } else {
          const created = new Date(now.getTime() - random.int(1, 200) * DAY);
          placement(id, kind, created, {
            decided_by: requester.id,
            accepted_at: new Date(created.getTime() + HOUR),
            started_at: kind === 'started' ? new Date(created.getTime() + DAY) : null,
          });
        }
      }
      // No hold left past its expiry: the server expires each one when it is due (and sweeps every minute), so a
      // few hundred generated at once would be expired in a burst during the HTTP measure, which is not the case
      // being measured. Expired holds are in the history below.
      // History: placements that no longer hold a place.
      for (let h = random.int(0, 4); h > 0; h--) {
        const created = new Date(now.getTime() - random.int(10, 700) * DAY);
        const status = random.weighted([['ended', 50], ['refused', 25], ['cancelled', 10], ['expired', 15]] as const);
        placement(id, status, created, {
          ...(status === 'ended'
            ? { decided_by: requester.id, accepted_at: new Date(created.getTime() + HOUR), started_at: new Date(created.getTime() + DAY), ended_at: new Date(created.getTime() + 60 * DAY), end_reason: 'orientation' }
            : {}),
          ...(status === 'refused' ? { decided_by: requester.id, refused_at: new Date(created.getTime() + HOUR), refusal_reason: 'no_place' } : {}),
        });
      }
    }
  }
  await insertChunks(db, 'organisations', organisations);
  await insertChunks(db, 'host_offers', offers);
  await insertChunks(db, 'placements', placements);
  // Statistics as autovacuum would have them (the local server runs without autovacuum; PGlite has none).
  await sql`ANALYZE`.execute(db);
  const active = placements.filter((p) => p.status === 'started' || p.status === 'accepted' || p.status === 'held').length;
  return { organisations: organisations.length, offers: offers.length, placements: placements.length, active };
}

/** The searches, identical on both databases: every public, places by commune, airport or département, various distances. */
async function searchInputs(db: Kysely<DB>, count: number): Promise<SearchInput[]> {
  const random = prng(44);
  const communes = await db.selectFrom('communes').select('code').where('kind', '=', 'commune').where('latitude', 'is not', null).orderBy('code').execute();
  const airports = await db.selectFrom('airports').select('iata').orderBy('iata').execute();
  const departements = await db.selectFrom('departements').select('code').where('latitude', 'is not', null).orderBy('code').execute();
  return Array.from({ length: count }, (_, i) => {
    const publicOf = PUBLICS[i % PUBLICS.length]!;
    const minor = publicOf === 'mineures' || publicOf === 'mineurs';
    const where = random.weighted([['commune', 70], ['airport', 15], ['departement', 15]] as const);
    const input: SearchInput = {
      public: publicOf,
      place:
        where === 'commune' ? { commune: random.pick(communes).code } : where === 'airport' ? { airport: random.pick(airports).iata } : { departement: random.pick(departements).code },
      minDistanceKm: random.pick([0, 50, 100, 100, 100, 200, 300, 500]),
      urgency: random.pick(URGENCIES),
    };
    if (random.chance(0.7)) input.age = minor ? random.int(12, 17) : random.int(18, 45);
    if (random.chance(0.8)) input.languages = random.subset(LANGUAGES, 1, 2);
    if (publicOf === 'familles' || (publicOf === 'femmes' && random.chance(0.3))) input.accompaniedChildren = random.chance(0.5);
    return input;
  });
}

/** The criteria `createPlacementSearch` builds from an input (same defaults, same place resolution). */
async function criteriaOf(db: Kysely<DB>, inputs: readonly SearchInput[]): Promise<Array<Omit<SearchCriteria, 'now'>>> {
  const geo = createGeo(db);
  const out: Array<Omit<SearchCriteria, 'now'>> = [];
  for (const input of inputs) {
    let point: { latitude: number | null; longitude: number | null } | undefined;
    if (input.place?.commune) point = await geo.commune(input.place.commune);
    else if (input.place?.airport) point = await geo.airport(input.place.airport);
    else if (input.place?.departement) point = await geo.departement(input.place.departement);
    if (point?.latitude == null || point.longitude == null) throw new Error(`no coordinates for ${JSON.stringify(input.place)}`);
    out.push({
      latitude: point.latitude,
      longitude: point.longitude,
      minDistanceKm: input.minDistanceKm ?? 100,
      public: input.public!,
      age: input.age ?? null,
      accompaniedChildren: input.accompaniedChildren ?? false,
      languages: input.languages ?? [],
      urgency: input.urgency ?? 'within_48h',
      limit: input.limit ?? 20,
    });
  }
  return out;
}

interface Measure extends RunStats {
  meanResults: number;
  empty: number;
}

function summarise(times: number[], results: number[], errors: number): Measure {
  return {
    ...runStats(times, errors),
    meanResults: results.reduce((a, b) => a + b, 0) / Math.max(1, results.length),
    empty: results.filter((n) => n === 0).length,
  };
}

/** The statement alone, one at a time, from this process (its own connection pool or PGlite instance). */
async function measureSql(db: Kysely<DB>, criteria: ReadonlyArray<Omit<SearchCriteria, 'now'>>, warmup: number): Promise<Measure> {
  const repository = createPlacementRepository(db);
  for (const c of criteria.slice(0, warmup)) await repository.search({ ...c, now: new Date() });
  const times: number[] = [];
  const results: number[] = [];
  for (const c of criteria.slice(warmup)) {
    const t0 = performance.now();
    const rows = await repository.search({ ...c, now: new Date() });
    times.push(performance.now() - t0);
    results.push(rows.length);
  }
  return summarise(times, results, 0);
}

/** The API, one request at a time over one keep-alive connection, latency until the JSON body is read. */
async function measureHttp(origin: string, token: string, inputs: readonly SearchInput[], warmup: number): Promise<Measure> {
  const pool = new Pool(origin, { connections: 1, pipelining: 1 });
  const times: number[] = [];
  const results: number[] = [];
  let errors = 0;
  for (const [i, input] of inputs.entries()) {
    const t0 = performance.now();
    const response = await pool.request({
      method: 'POST',
      path: '/api/v1/placements/search',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(input),
    });
    const body = (await response.body.json()) as { results?: unknown[] };
    const elapsed = performance.now() - t0;
    if (i < warmup) continue;
    if (response.statusCode !== 200 || !body.results) errors++;
    else {
      times.push(elapsed);
      results.push(body.results.length);
    }
  }
  await pool.close();
  return summarise(times, results, errors);
}

export async function placementsBench(options: { runs: number; warmup: number; offers: number; databaseUrl: string | undefined }): Promise<string> {
  const targets = await benchTargets('placements', options.databaseUrl);
  const rows: string[] = [];
  const goals: string[] = [];
  let generated = { organisations: 0, offers: 0, placements: 0, active: 0 };
  for (const target of targets) {
    const step = (what: string) => process.stderr.write(`[bench placements] ${target.label}: ${what}\n`);
    step('preparing the database and the token');
    const token = await prepare(target);
    step(`generating ${options.offers} host offers`);
    const database = await openDatabase({ databaseUrl: target.databaseUrl, embeddedDir: target.databaseUrl ? undefined : target.dataDir });
    const cipher = createFieldCipher(loadSecrets(loadConfig({ ...process.env, ...target.env })).dataKeys);
    const t0 = performance.now();
    generated = await generateNetwork(database.db, cipher, options.offers, new Date());
    step(`generated ${generated.offers} offers, ${generated.placements} placements in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const inputs = await searchInputs(database.db, options.warmup + options.runs);
    const criteria = await criteriaOf(database.db, inputs);
    step(`search SQL × ${options.runs}`);
    const sqlOnly = await measureSql(database.db, criteria, options.warmup);
    await database.close();
    step(`POST /api/v1/placements/search × ${options.runs}`);
    const server = await startServer(target.env);
    const http = await measureHttp(server.origin, token, inputs, options.warmup);
    await server.stop();
    fs.rmSync(target.dataDir, { recursive: true, force: true });
    const row = (what: string, m: Measure) =>
      `| ${target.label} | ${what} | ${m.runs} | ${m.errors} | ${m.p50.toFixed(2)} | ${m.p95.toFixed(2)} | ${m.p99.toFixed(2)} | ${m.max.toFixed(2)} | ${m.meanResults.toFixed(1)} (${m.empty} empty) |`;
    rows.push(row('search SQL alone (`repository.search`)', sqlOnly), row('POST /api/v1/placements/search (HTTP)', http));
    const ratio = http.p95 / sqlOnly.p95;
    const mark = (ok: boolean) => (ok ? 'pass' : '**FAIL**');
    const p95Goal = target.databaseUrl ? `${sqlOnly.p95.toFixed(2)} ms: ${mark(sqlOnly.p95 < 20)}` : `${sqlOnly.p95.toFixed(2)} ms (goal set for PostgreSQL only)`;
    goals.push(`| ${target.label} | ${p95Goal} | ${ratio.toFixed(2)} ×: ${mark(ratio <= 3)} |`);
  }
  const out: string[] = [];
  out.push(
    `### Search on ${generated.offers.toLocaleString('en')} generated offers (${generated.organisations.toLocaleString('en')} structures, ${generated.placements.toLocaleString('en')} placements of which ${generated.active.toLocaleString('en')} hold a place), ${options.runs} searches after ${options.warmup} of warm-up, one at a time`,
    '',
  );
  out.push('| database | measure | runs | errors | p50 ms | p95 ms | p99 ms | max ms | mean results |', '|---|---|---:|---:|---:|---:|---:|---:|---:|', ...rows, '');
  out.push('| database | search SQL p95 < 20 ms (PostgreSQL) | HTTP p95 ÷ SQL p95 ≤ 3 |', '|---|---|---|', ...goals, '');
  return out.join('\n');
}
