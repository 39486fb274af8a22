import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { type Insertable, type Kysely, sql } from 'kysely';
import { Pool } from 'undici';
import { createMapIndex } from '../src/modules/directory/map-index.js';
import { createPlaces, MAX_PLACES, type PlaceFilters } from '../src/modules/directory/places.js';
import { DIRECTORY_PUBLICS, SERVICE_TYPES } from '../src/modules/directory/reference.js';
import { COMMON_LANGUAGES, EXPLOITATION_FORMS } from '../src/modules/reference/index.js';
import { openDatabase } from '../src/platform/db/index.js';
import type { DB } from '../src/platform/db/schema.js';
import type {
  DirectoryLocationsTable,
  DirectoryOrganizationsTable,
  DirectoryServiceAtLocationsTable,
  DirectoryServicesTable,
} from '../src/platform/db/schema-directory.js';
import { systemClock } from '../src/platform/time/clock.js';
import { closedLoop, type LoadResult, table } from './lib/load.js';
import { prng } from './lib/random.js';
import { startServer } from './lib/server.js';
import { benchTargets, type RunStats, runStats, seedDemo, type Target } from './lib/targets.js';

/**
 * Issue 6: the public directory map on 50,000 generated places (a service at a location; `is_synthetic` entries of
 * ~5,000 organisations in real communes). The bbox + filter query behind the map, as the service alone
 * (`places.search` + `places.geojson`, from this process) and as `GET /api/v1/directory/places.geojson` over HTTP,
 * one at a time with varied city-sized boxes and filters; then closed-loop req/s of that route beside the app's
 * constant JSON route (`GET /api/v1/ping`), same connections, same run, on PGlite and on PostgreSQL.
 */

const DAY = 24 * 3_600_000;
/** OpenStreetMap `opening_hours` values as found on such services (a share has none). */
const OPENING_HOURS = [
  'Mo-Fr 09:00-17:00',
  'Mo-Fr 09:00-12:00,14:00-17:30',
  'Mo-Th 09:00-17:00; Fr 09:00-12:00',
  'Tu-Sa 10:00-18:00',
  'Mo,We,Fr 14:00-18:00',
  'Mo-Fr 09:00-17:00; PH off',
  'Mo-Su 08:00-20:00',
  '24/7',
] as const;
const NAMES = [
  'Association',
  'Maison',
  'Collectif',
  'Centre',
  'Fondation',
  'Service',
  'Réseau',
  'Point d’accueil',
];
const SERVICE_NAMES: Record<(typeof SERVICE_TYPES)[number], string> = {
  hebergement: 'Hébergement',
  accueil_de_jour: 'Accueil de jour',
  accompagnement_social: 'Accompagnement social',
  juridique: 'Permanence juridique',
  sante: 'Consultation santé',
  psychologique: 'Soutien psychologique',
  interpretariat: 'Interprétariat',
  insertion_formation: 'Insertion et formation',
  ligne_ecoute: 'Ligne d’écoute',
  signalement_enquete: 'Signalement',
};

interface Commune {
  code: string;
  name: string;
  departement_code: string;
  latitude: number;
  longitude: number;
  population: number | null;
  postal_codes: string[];
}

/** Communes with their own coordinates (not a département's centre, which 26,000 small ones fall back to). */
export async function communesWithCoordinates(db: Kysely<DB>): Promise<Commune[]> {
  return (await db
    .selectFrom('communes')
    .select(['code', 'name', 'departement_code', 'latitude', 'longitude', 'population', 'postal_codes'])
    .where('kind', '=', 'commune')
    .where('coordinates_source', '=', 'geonames')
    .where('latitude', 'is not', null)
    .where('longitude', 'is not', null)
    .orderBy('code')
    .execute()) as Commune[];
}

/** Picks communes with a probability given by `weight` (binary search over the cumulative weights). */
function communeSampler(
  communes: readonly Commune[],
  random: ReturnType<typeof prng>,
  weight: (c: Commune) => number,
) {
  const cumulative: number[] = [];
  let total = 0;
  for (const c of communes) {
    total += weight(c);
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

type DirectoryTable =
  | 'directory_organizations'
  | 'directory_locations'
  | 'directory_services'
  | 'directory_service_at_locations';

async function insertChunks<T extends DirectoryTable>(
  db: Kysely<DB>,
  name: T,
  rows: ReadonlyArray<Insertable<DB[T]>>,
) {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto(name)
      // biome-ignore lint/suspicious/noExplicitAny: Kysely cannot narrow a generic table's insert type
      .values(rows.slice(i, i + 1000) as any)
      .execute();
  }
}

interface Generated {
  organizations: number;
  locations: number;
  services: number;
  places: number;
  /** Places the public map shows (service, organisation and location public, service active). */
  visible: number;
}

/**
 * `count` places: organisations (1–6 locations in their home commune or elsewhere, communes drawn in proportion to
 * their population, ~1 km of jitter; 3–10 services each, at 1 to all of the organisation's locations), every kind
 * of service, publics, forms of exploitation (some none), French and 0–3 other languages, opening hours in
 * OpenStreetMap syntax; ~10 % of the places kept to professionals (service, location or organisation
 * `professionnels`), a few services inactive or temporarily closed. Inserted in bulk, then VACUUM ANALYZE.
 */
export async function generateDirectory(db: Kysely<DB>, count: number, now: Date): Promise<Generated> {
  const random = prng(6);
  const communes = await communesWithCoordinates(db);
  const commune = communeSampler(communes, random, (c) => (c.population ?? 0) + 1);
  const organizations: Array<Insertable<DirectoryOrganizationsTable> & { id: string }> = [];
  const locations: Array<Insertable<DirectoryLocationsTable> & { id: string }> = [];
  const services: Array<Insertable<DirectoryServicesTable> & { id: string }> = [];
  const links: Array<Insertable<DirectoryServiceAtLocationsTable>> = [];
  let visible = 0;
  const jitter = (span: number) => Math.round((random.next() - 0.5) * 2 * span * 1e6) / 1e6;

  while (links.length < count) {
    const organizationId = randomUUID();
    const n = organizations.length + 1;
    const home = commune();
    const organizationPublic = !random.chance(0.01);
    organizations.push({
      id: organizationId,
      name: `${random.pick(NAMES)} de banc d’essai n° ${n}`,
      description: `Structure générée pour le banc d’essai de l’annuaire, siège à ${home.name}.`,
      website: random.chance(0.6) ? `https://banc-essai-${n}.example.org` : null,
      email: random.chance(0.7) ? `contact@banc-essai-${n}.example.org` : null,
      visibility: organizationPublic ? 'public' : 'professionnels',
      last_verified_at: new Date(now.getTime() - random.int(0, 400) * DAY),
      is_synthetic: true,
      created_at: new Date(now.getTime() - 400 * DAY),
      updated_at: new Date(now.getTime() - random.int(0, 400) * DAY),
    });
    const own: Array<{ id: string; visible: boolean }> = [];
    for (
      let k = random.weighted([
        [1, 30],
        [2, 25],
        [3, 20],
        [4, 15],
        [6, 10],
      ] as const);
      k > 0;
      k--
    ) {
      const where = random.chance(0.75) ? home : commune();
      const id = randomUUID();
      const locationPublic = !random.chance(0.02);
      own.push({ id, visible: locationPublic });
      locations.push({
        id,
        organization_id: organizationId,
        name: own.length === 1 ? 'Siège' : `Antenne de ${where.name}`,
        address: `${random.int(1, 250)} rue du Banc d’essai`,
        postal_code: where.postal_codes[0] ?? null,
        commune_code: where.code,
        departement_code: where.departement_code,
        latitude: where.latitude + jitter(0.01),
        longitude: where.longitude + jitter(0.015),
        geocoding: 'address',
        visibility: locationPublic ? 'public' : 'professionnels',
      });
    }
    for (
      let s = random.weighted([
        [3, 20],
        [4, 20],
        [6, 25],
        [8, 20],
        [10, 15],
      ] as const);
      s > 0 && links.length < count;
      s--
    ) {
      const id = randomUUID();
      const type = random.weighted([
        ['accompagnement_social', 20],
        ['juridique', 12],
        ['hebergement', 12],
        ['accueil_de_jour', 10],
        ['sante', 10],
        ['psychologique', 10],
        ['insertion_formation', 10],
        ['interpretariat', 6],
        ['ligne_ecoute', 5],
        ['signalement_enquete', 5],
      ] as const);
      const servicePublic = !random.chance(0.07);
      const status = random.weighted([
        ['active', 94],
        ['temporarily closed', 3],
        ['inactive', 3],
      ] as const);
      services.push({
        id,
        organization_id: organizationId,
        name: `${SERVICE_NAMES[type]} — banc d’essai n° ${services.length + 1}`,
        description:
          'Service généré pour mesurer la carte publique : accueil, orientation et accompagnement.',
        service_type: type,
        publics: [
          ...random.subset(
            DIRECTORY_PUBLICS.filter((p) => p !== 'professionnels'),
            1,
            3,
          ),
          ...(random.chance(0.05) ? ['professionnels'] : []),
        ],
        exploitation_forms: random.chance(0.15) ? [] : random.subset(EXPLOITATION_FORMS, 1, 4),
        languages: [
          'fr',
          ...random.subset(
            COMMON_LANGUAGES.filter((l) => l !== 'fr'),
            0,
            3,
          ),
        ],
        opening_hours: random.chance(0.15) ? null : random.pick(OPENING_HOURS),
        url: random.chance(0.5)
          ? `https://banc-essai-${n}.example.org/services/${services.length + 1}`
          : null,
        email: random.chance(0.5) ? `service-${services.length + 1}@banc-essai-${n}.example.org` : null,
        phone: random.chance(0.7)
          ? `01 ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)}`
          : null,
        status,
        visibility: servicePublic ? 'public' : 'professionnels',
        last_verified_at: new Date(now.getTime() - random.int(0, 400) * DAY),
        is_synthetic: true,
        created_at: new Date(now.getTime() - 400 * DAY),
        updated_at: new Date(now.getTime() - random.int(0, 400) * DAY),
      });
      for (const at of random.subset(own, 1, own.length)) {
        if (links.length >= count) break;
        links.push({ id: randomUUID(), service_id: id, location_id: at.id });
        if (organizationPublic && servicePublic && at.visible && status === 'active') visible++;
      }
    }
  }
  await insertChunks(db, 'directory_organizations', organizations);
  await insertChunks(db, 'directory_locations', locations);
  await insertChunks(db, 'directory_services', services);
  await insertChunks(db, 'directory_service_at_locations', links);
  // Statistics as autovacuum would have them (the local server runs without autovacuum; PGlite has none).
  await sql`VACUUM ANALYZE`.execute(db); // what autovacuum does to a settled table (index-only scans need it)
  return {
    organizations: organizations.length,
    locations: locations.length,
    services: services.length,
    places: links.length,
    visible,
  };
}

interface MapRequest {
  filters: PlaceFilters;
  path: string;
}

/**
 * The map's requests, identical on both databases: a ~0.3° × 0.3° box (a city and its surroundings) around a
 * commune drawn by the square root of its population (big cities often, small towns too), with a public (60 %), a
 * form of exploitation (50 %) and a kind of service (25 %).
 */
export function mapRequests(communes: readonly Commune[], count: number, seed = 66): MapRequest[] {
  const random = prng(seed);
  const centre = communeSampler(communes, random, (c) => Math.sqrt((c.population ?? 0) + 1));
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return Array.from({ length: count }, () => {
    const c = centre();
    const halfWidth = 0.15 * (0.85 + 0.3 * random.next());
    const halfHeight = 0.15 * (0.85 + 0.3 * random.next());
    const filters: PlaceFilters = {
      bbox: [
        c.longitude - halfWidth,
        c.latitude - halfHeight,
        c.longitude + halfWidth,
        c.latitude + halfHeight,
      ]
        .map(round)
        .join(','),
    };
    if (random.chance(0.6)) filters.public = random.pick(DIRECTORY_PUBLICS);
    if (random.chance(0.5)) filters.exploitation = random.pick(EXPLOITATION_FORMS);
    if (random.chance(0.25)) filters.type = random.pick(SERVICE_TYPES);
    const query = new URLSearchParams(Object.entries(filters) as Array<[string, string]>);
    return { filters, path: `/api/v1/directory/places.geojson?${query}` };
  });
}

interface Measure extends RunStats {
  meanFeatures: number;
  /** Answers cut at MAX_PLACES. */
  capped: number;
  /** Mean body size (HTTP), or mean time spent in `openAt` for the answer's places (service), recomputed after. */
  extra: number;
}

function summarise(times: number[], features: number[], extras: number[], errors: number): Measure {
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  return {
    ...runStats(times, errors),
    meanFeatures: mean(features),
    capped: features.filter((n) => n >= MAX_PLACES).length,
    extra: mean(extras),
  };
}

/**
 * The service alone, one call at a time from this process (its own pool or PGlite instance): `places.geojson` and
 * the serialisation of its answer, no cache. A Kysely plugin times the statement inside each call (from compilation
 * to the rows, driver included).
 */
async function measureService(
  db: Kysely<DB>,
  requests: readonly MapRequest[],
  warmup: number,
): Promise<{ service: Measure; statement: Measure }> {
  let started = 0;
  let statementMs = 0;
  const timed = db.withPlugin({
    transformQuery(args) {
      started = performance.now();
      return args.node;
    },
    async transformResult(args) {
      statementMs += performance.now() - started;
      return args.result;
    },
  });
  const places = createPlaces({ db: timed, clock: systemClock });
  const times: number[] = [];
  const statements: number[] = [];
  const features: number[] = [];
  const serialised: number[] = [];
  for (const [i, request] of requests.entries()) {
    statementMs = 0;
    const t0 = performance.now();
    const collection = await places.geojson(request.filters);
    const body = JSON.stringify(collection);
    const elapsed = performance.now() - t0;
    if (i < warmup) continue;
    times.push(elapsed);
    statements.push(statementMs);
    features.push(collection.features.length);
    serialised.push(Buffer.byteLength(body));
  }
  return {
    service: summarise([...times], features, serialised, 0),
    statement: summarise(statements, features, [], 0),
  };
}

/** The route, one request at a time over one keep-alive connection, latency until the GeoJSON body is read. */
async function measureHttp(
  origin: string,
  requests: readonly MapRequest[],
  warmup: number,
): Promise<Measure> {
  const pool = new Pool(origin, { connections: 1, pipelining: 1 });
  const times: number[] = [];
  const features: number[] = [];
  const bytes: number[] = [];
  let errors = 0;
  for (const [i, request] of requests.entries()) {
    const t0 = performance.now();
    const response = await pool.request({
      method: 'GET',
      path: request.path,
      headers: { accept: 'application/geo+json' },
    });
    const text = await response.body.text();
    const elapsed = performance.now() - t0;
    if (i < warmup) continue;
    if (response.statusCode !== 200) {
      errors++;
      if (errors <= 3)
        process.stderr.write(
          `[bench directory] ${request.path}: ${response.statusCode} ${text.slice(0, 300)}\n`,
        );
      continue;
    }
    times.push(elapsed);
    features.push((JSON.parse(text) as { features: unknown[] }).features.length);
    bytes.push(Buffer.byteLength(text));
  }
  await pool.close();
  return summarise(times, features, bytes, errors);
}

export async function directoryBench(options: {
  places: number;
  runs: number;
  warmup: number;
  seconds: number;
  connections: number;
  databaseUrl: string | undefined;
}): Promise<string> {
  const targets: Target[] = await benchTargets('directory', options.databaseUrl);
  const rows: string[] = [];
  const loads: LoadResult[] = [];
  const goals: string[] = [];
  const generationLines: string[] = [];
  let generated: Generated | undefined;
  for (const target of targets) {
    const step = (what: string) => process.stderr.write(`[bench directory] ${target.label}: ${what}\n`);
    step('preparing the database');
    await seedDemo(target);
    step(`generating ${options.places} places`);
    const database = await openDatabase({
      databaseUrl: target.databaseUrl,
      embeddedDir: target.databaseUrl ? undefined : target.dataDir,
    });
    const t0 = performance.now();
    generated = await generateDirectory(database.db, options.places, new Date());
    const generationSeconds = (performance.now() - t0) / 1000;
    generationLines.push(`${target.label} ${generationSeconds.toFixed(1)} s`);
    step(
      `generated ${generated.places} places (${generated.visible} public) in ${generationSeconds.toFixed(1)} s`,
    );
    const communes = await communesWithCoordinates(database.db);
    const requests = mapRequests(communes, options.warmup + options.runs);
    step(`places.search + geojson × ${options.runs}`);
    const { service, statement } = await measureService(database.db, requests, options.warmup);
    const index = createMapIndex({
      places: createPlaces({ db: database.db, clock: systemClock }),
      clock: systemClock,
    });
    const tIndex = performance.now();
    await index.geojson({ bbox: '0,0,0.001,0.001' });
    const indexMs = performance.now() - tIndex;
    generationLines.push(
      `${target.label}: in-memory map index of ${index.stats().places.toLocaleString('en')} places built in ${indexMs.toFixed(0)} ms`,
    );
    await database.close();

    const server = await startServer(target.env);
    const idleRss = server.rssMb();
    step(`GET /api/v1/directory/places.geojson × ${options.runs}`);
    const http = await measureHttp(server.origin, requests, options.warmup);
    // Boxes never asked before (another draw), each once: every answer is computed, none comes from the cache.
    const fresh = [...new Set(mapRequests(communes, 16000, 68).map((r) => r.path))];
    let next = 0;
    const geojsonPath = () => fresh[next++ % fresh.length]!;
    const load = async (label: string, path: string | (() => string)) => {
      step(`${label}: ${options.connections} connections, ${options.seconds} s`);
      await closedLoop({ label, origin: server.origin, path, connections: options.connections, seconds: 2 }); // warm-up
      return closedLoop({
        label: `${label} — ${target.label}`,
        origin: server.origin,
        path,
        connections: options.connections,
        seconds: options.seconds,
      });
    };
    const geojsonLoad = await load(
      'GET /api/v1/directory/places.geojson (distinct boxes and filters, each asked once: no cache hit)',
      geojsonPath,
    );
    if (next > fresh.length)
      generationLines.push(
        `(${target.label}: the ${fresh.length} fresh boxes ran out, ${next - fresh.length} answers came from the cache)`,
      );
    // The measured requests again, in a loop: after the first pass each answer comes from the response cache, as
    // when many people look at the same places with the same filters.
    const measured = requests.slice(options.warmup).map((r) => r.path);
    let nextMeasured = 0;
    const trafficLoad = await load(
      `GET /api/v1/directory/places.geojson (the ${measured.length} measured requests in a loop: response cache)`,
      () => measured[nextMeasured++ % measured.length]!,
    );
    const pingLoad = await load('GET /api/v1/ping (constant JSON)', '/api/v1/ping');
    generationLines.push(
      `${target.label}: server RSS ${idleRss.toFixed(0)} MB after start, ${server.rssMb().toFixed(0)} MB after the loads`,
    );
    await server.stop();
    fs.rmSync(target.dataDir, { recursive: true, force: true });
    loads.push(geojsonLoad, trafficLoad, pingLoad);

    const row = (what: string, m: Measure, extra: string) =>
      `| ${target.label} | ${what} | ${m.runs} | ${m.errors} | ${m.p50.toFixed(2)} | ${m.p95.toFixed(2)} | ${m.p99.toFixed(2)} | ${m.max.toFixed(2)} | ${m.meanFeatures.toFixed(0)} (${m.capped} at ${MAX_PLACES}) | ${extra} |`;
    rows.push(
      row(
        '`places.geojson` + `JSON.stringify` (service alone, no cache)',
        service,
        `${(service.extra / 1024).toFixed(0)} KiB`,
      ),
      row('… of which the statement (timed inside the same calls)', statement, ''),
      row(
        'GET /api/v1/directory/places.geojson (HTTP, each URL asked once: from the in-memory index, no response-cache hit)',
        http,
        `${(http.extra / 1024).toFixed(0)} KiB`,
      ),
    );
    const ratio = trafficLoad.rps / pingLoad.rps;
    const coldRatio = geojsonLoad.rps / pingLoad.rps;
    const mark = (ok: boolean) => (ok ? 'pass' : '**FAIL**');
    const p95 = (m: Measure) =>
      target.databaseUrl
        ? `${m.p95.toFixed(2)} ms: ${mark(m.p95 < 25)}`
        : `${m.p95.toFixed(2)} ms (goal set for PostgreSQL only)`;
    goals.push(
      `| ${target.label} | ${p95(service)} | ${p95(statement)} | ${http.p95.toFixed(2)} ms | ${ratio.toFixed(3)}: ${mark(ratio >= 0.25)} | ${coldRatio.toFixed(3)} |`,
    );
  }
  const g = generated!;
  const out: string[] = [];
  out.push(
    `### ${g.places.toLocaleString('en')} generated places (${g.organizations.toLocaleString('en')} organisations, ${g.locations.toLocaleString('en')} locations, ${g.services.toLocaleString('en')} services; ${g.visible.toLocaleString('en')} on the public map), ${options.runs} requests after ${options.warmup} of warm-up, one at a time`,
    '',
    `Generation (bulk insert + VACUUM ANALYZE): ${generationLines.join('; ')}.`,
    '',
  );
  out.push(
    '| database | measure | runs | errors | p50 ms | p95 ms | p99 ms | max ms | mean features | mean per answer |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
  );
  out.push(
    `Closed loop, ${options.connections} connections, ${options.seconds} s each after 2 s of warm-up (same server, same run):`,
    '',
    table(loads),
    '',
  );
  out.push(
    '| database | p95 < 25 ms: service (query + serialisation) | p95 < 25 ms: statement alone | HTTP p95 (index, no cache hit) | measured requests looped (cache) ÷ ping ≥ 0.25 | never-repeated boxes (index, no cache) ÷ ping |',
    '|---|---|---|---:|---|---:|',
    ...goals,
    '',
  );
  return out.join('\n');
}
