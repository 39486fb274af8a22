import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';

export interface Departement {
  code: string;
  name: string;
  regionCode: string;
  zone: string;
  latitude: number | null;
  longitude: number | null;
}

export interface Commune {
  code: string;
  name: string;
  departementCode: string;
  latitude: number | null;
  longitude: number | null;
  /** 'departement' when the point is the département's centre, not the commune's own. */
  coordinatesSource: 'geonames' | 'departement' | null;
}

export interface Airport {
  iata: string;
  name: string;
  communeCode: string;
  departementCode: string;
  latitude: number;
  longitude: number;
}

export interface Geo {
  departements(): Promise<readonly Departement[]>;
  departement(code: string): Promise<Departement | undefined>;
  airports(): Promise<readonly Airport[]>;
  airport(iata: string): Promise<Airport | undefined>;
  commune(code: string): Promise<Commune | undefined>;
  searchCommunes(query: string, limit?: number): Promise<Commune[]>;
}

const DEPARTEMENT_CODE = /^(\d{2}|2A|2B|97\d|98\d)$/;
const COMMUNE_CODE = /^(\d{5}|2A\d{3}|2B\d{3})$/;

export function looksLikeDepartementCode(value: string): boolean {
  return DEPARTEMENT_CODE.test(value);
}

export function looksLikeCommuneCode(value: string): boolean {
  return COMMUNE_CODE.test(value);
}

/** Reference geography: small tables cached in memory once loaded, communes read on demand. */
export function createGeo(db: Kysely<DB>): Geo {
  let departementsCache: Promise<Map<string, Departement>> | undefined;
  let airportsCache: Promise<Map<string, Airport>> | undefined;

  const loadDepartements = () => {
    departementsCache ??= db
      .selectFrom('departements')
      .selectAll()
      .orderBy('code')
      .execute()
      .then(
        (rows) =>
          new Map(
            rows.map((r) => [
              r.code,
              { code: r.code, name: r.name, regionCode: r.region_code, zone: r.zone, latitude: r.latitude, longitude: r.longitude },
            ]),
          ),
      )
      .catch((error) => {
        departementsCache = undefined;
        throw error;
      });
    return departementsCache;
  };
  const loadAirports = () => {
    airportsCache ??= db
      .selectFrom('airports')
      .selectAll()
      .orderBy('iata')
      .execute()
      .then(
        (rows) =>
          new Map(
            rows.map((r) => [
              r.iata,
              {
                iata: r.iata,
                name: r.name,
                communeCode: r.commune_code,
                departementCode: r.departement_code,
                latitude: r.latitude,
                longitude: r.longitude,
              },
            ]),
          ),
      )
      .catch((error) => {
        airportsCache = undefined;
        throw error;
      });
    return airportsCache;
  };
  const toCommune = (r: DB['communes'] extends infer T ? { [K in keyof T]: T[K] } : never): Commune => ({
    code: r.code,
    name: r.name,
    departementCode: r.departement_code,
    latitude: r.latitude,
    longitude: r.longitude,
    coordinatesSource: r.coordinates_source,
  });

  return {
    departements: async () => [...(await loadDepartements()).values()],
    departement: async (code) => (await loadDepartements()).get(code.toUpperCase()),
    airports: async () => [...(await loadAirports()).values()],
    airport: async (iata) => (await loadAirports()).get(iata.toUpperCase()),
    async commune(code) {
      if (!looksLikeCommuneCode(code.toUpperCase())) return undefined;
      const row = await db.selectFrom('communes').selectAll().where('code', '=', code.toUpperCase()).executeTakeFirst();
      return row ? toCommune(row) : undefined;
    },
    async searchCommunes(query, limit = 10) {
      const q = query.trim().toLowerCase();
      if (q.length < 2) return [];
      if (/^\d{5}$/.test(q)) {
        const rows = await db
          .selectFrom('communes')
          .selectAll()
          .where((eb) => eb.or([eb('code', '=', q), eb(sql`${q}`, '=', sql`ANY(postal_codes)`)]))
          .limit(limit)
          .execute();
        return rows.map(toCommune);
      }
      // similarity() rather than the % operator: see GOTCHAS (PGlite with three contrib extensions).
      const rows = await db
        .selectFrom('communes')
        .selectAll()
        .where(sql<boolean>`relais_unaccent(lower(name)) LIKE relais_unaccent(${`${q}%`})
          OR similarity(relais_unaccent(lower(name)), relais_unaccent(${q})) > 0.4`)
        .orderBy(sql`similarity(relais_unaccent(lower(name)), relais_unaccent(${q}))`, 'desc')
        .orderBy('population', (ob) => ob.desc().nullsLast())
        .limit(limit)
        .execute();
      return rows.map(toCommune);
    },
  };
}

/** Great-circle distance in kilometres (haversine), for checks outside SQL; SQL uses earthdistance. */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}
