import OpeningHours from 'opening_hours';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';
import { toParisLocalInput } from '../../platform/time/paris.js';
import { EXPLOITATION_FORMS, isLanguageCode } from '../reference/index.js';
import { matches } from './hsds.js';
import { DIRECTORY_PUBLICS, SERVICE_TYPES } from './reference.js';

export interface PlaceFilters {
  /** One place (its page). */
  id?: string | undefined;
  departement?: string | undefined;
  commune?: string | undefined;
  public?: string | undefined;
  exploitation?: string | undefined;
  type?: string | undefined;
  language?: string | undefined;
  q?: string | undefined;
  openNow?: boolean | undefined;
  /** minLon,minLat,maxLon,maxLat */
  bbox?: string | undefined;
}

export interface Place {
  id: string;
  serviceId: string;
  service: string;
  description: string;
  type: string;
  organisation: string;
  publics: string[];
  exploitation: string[];
  languages: string[];
  openingHours: string | null;
  openNow: boolean | null;
  address: string | null;
  postalCode: string | null;
  commune: string | null;
  departement: string | null;
  latitude: number | null;
  longitude: number | null;
  url: string | null;
  email: string | null;
  phone: string | null;
  lastVerifiedAt: string | null;
}

export const MAX_PLACES = 2000;

/**
 * The box the map asks for when it shows a part of the country: the view's bounds widened to a grid whose step is
 * one map tile's width at that zoom (360° / 2^zoom), so that everyone looking around the same place at the same zoom
 * asks for the same URL (cached here and in browsers). `public/carte.js` applies the same rule.
 */
export function tileAlignedBox(
  view: { west: number; south: number; east: number; north: number },
  zoom: number,
): string {
  const step = 360 / 2 ** Math.max(0, Math.round(zoom));
  const down = (x: number) => Math.floor(x / step) * step;
  const up = (x: number) => Math.ceil(x / step) * step;
  const fixed = (x: number) => Number(x.toFixed(6));
  return [
    fixed(Math.max(-180, down(view.west))),
    fixed(Math.max(-90, down(view.south))),
    fixed(Math.min(180, up(view.east))),
    fixed(Math.min(90, up(view.north))),
  ].join(',');
}

/** Parsed opening hours, by their text (parsing costs 100–400 µs; most places share a few dozen strings). */
const parsed = new Map<string, OpeningHours | null>();
const MAX_PARSED = 5000;

function hoursOf(text: string): OpeningHours | null {
  let found = parsed.get(text);
  if (found === undefined) {
    try {
      found = new OpeningHours(text, null);
    } catch {
      found = null;
    }
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(text, found);
  }
  return found;
}

/** Is a place open at that instant, by its OpenStreetMap `opening_hours` (Paris time)? Null when unknown. */
export function openAt(hours: string | null, at: Date): boolean | null {
  if (!hours) return null;
  // The library reads the Date's local fields: give it Paris wall time.
  return hoursOf(hours)?.getState(new Date(toParisLocalInput(at))) ?? null;
}

/** The same for many places at one instant (the Paris time computed once). */
export function openAtParis(hours: string | null, parisWallTime: Date): boolean | null {
  if (!hours) return null;
  return hoursOf(hours)?.getState(parisWallTime) ?? null;
}

/** Checks the filters (a ValidationError names each bad one); the bounds as numbers. */
export function checkFilters(f: PlaceFilters): number[] | undefined {
  const errors: Record<string, string> = {};
  if (f.departement && !/^(\d{2}|2[AB]|9[78]\d)$/.test(f.departement))
    errors.departement = 'directory.errors.departement';
  if (f.commune && !/^(\d{5}|2[AB]\d{3})$/.test(f.commune)) errors.commune = 'directory.errors.commune';
  if (f.public && !(DIRECTORY_PUBLICS as readonly string[]).includes(f.public))
    errors.public = 'directory.errors.value';
  if (f.exploitation && !(EXPLOITATION_FORMS as readonly string[]).includes(f.exploitation))
    errors.exploitation = 'directory.errors.value';
  if (f.type && !(SERVICE_TYPES as readonly string[]).includes(f.type))
    errors.type = 'directory.errors.value';
  if (f.language && !isLanguageCode(f.language)) errors.language = 'directory.errors.value';
  let bbox: number[] | undefined;
  if (f.bbox) {
    bbox = f.bbox.split(',').map(Number);
    const [minLon, minLat, maxLon, maxLat] = bbox;
    if (
      bbox.length !== 4 ||
      bbox.some((n) => !Number.isFinite(n)) ||
      minLon! > maxLon! ||
      minLat! > maxLat! ||
      Math.abs(minLat!) > 90 ||
      Math.abs(maxLat!) > 90
    ) {
      errors.bbox = 'directory.errors.bbox';
    }
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return bbox;
}

/**
 * The public places of the directory (a service at a location), filtered as the map and its list are: territory,
 * public, form of exploitation, kind of service, language, French text search, open now, map bounds.
 */
export function createPlaces(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;

  /** The public places matching the filters: the joins and conditions shared by the list and the map. */
  function matching(filters: PlaceFilters) {
    const bbox = checkFilters(filters);
    let query = db
      .selectFrom('directory_service_at_locations as sal')
      .innerJoin('directory_services as s', 's.id', 'sal.service_id')
      .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
      .innerJoin('directory_locations as l', 'l.id', 'sal.location_id')
      .where('s.visibility', '=', 'public')
      .where('o.visibility', '=', 'public')
      .where('l.visibility', '=', 'public')
      .where('s.status', '=', 'active');
    if (filters.id) query = query.where('sal.id', '=', filters.id);
    if (filters.departement) query = query.where('l.departement_code', '=', filters.departement);
    if (filters.commune) query = query.where('l.commune_code', '=', filters.commune);
    if (filters.public) query = query.where(sql<boolean>`${filters.public} = ANY(s.publics)`);
    if (filters.exploitation)
      query = query.where(sql<boolean>`${filters.exploitation} = ANY(s.exploitation_forms)`);
    if (filters.type) query = query.where('s.service_type', '=', filters.type);
    if (filters.language) query = query.where(sql<boolean>`${filters.language} = ANY(s.languages)`);
    if (filters.q?.trim())
      query = query.where(
        matches(sql`s.name || ' ' || s.description || ' ' || o.name`, sql`s.name`, filters.q.trim()),
      );
    if (bbox) {
      const [minLon, minLat, maxLon, maxLat] = bbox as [number, number, number, number];
      // The GiST index on point(longitude, latitude) answers this containment.
      query = query.where(
        sql<boolean>`point(l.longitude, l.latitude) <@ box(point(${minLon}::float8, ${minLat}::float8), point(${maxLon}::float8, ${maxLat}::float8))`,
      );
    }
    return query;
  }

  return {
    async search(filters: PlaceFilters): Promise<Place[]> {
      const query = matching(filters).leftJoin('communes as c', 'c.code', 'l.commune_code');
      const rows = await query
        .select([
          'sal.id',
          's.id as service_id',
          's.name as service',
          's.description',
          's.service_type',
          'o.name as organisation',
          's.publics',
          's.exploitation_forms',
          's.languages',
          's.opening_hours',
          'l.address',
          'l.postal_code',
          'c.name as commune',
          'l.departement_code',
          'l.latitude',
          'l.longitude',
          's.url',
          's.email',
          's.phone',
          's.last_verified_at',
        ])
        .orderBy('l.departement_code')
        .orderBy('s.name')
        .limit(MAX_PLACES)
        .execute();
      const parisNow = new Date(toParisLocalInput(clock.now()));
      const places = rows.map(
        (r): Place => ({
          id: r.id,
          serviceId: r.service_id,
          service: r.service,
          description: r.description,
          type: r.service_type,
          organisation: r.organisation,
          publics: r.publics,
          exploitation: r.exploitation_forms,
          languages: r.languages,
          openingHours: r.opening_hours,
          openNow: openAtParis(r.opening_hours, parisNow),
          address: r.address,
          postalCode: r.postal_code,
          commune: r.commune,
          departement: r.departement_code,
          latitude: r.latitude,
          longitude: r.longitude,
          url: r.url,
          email: r.email,
          phone: r.phone,
          lastVerifiedAt: r.last_verified_at ? r.last_verified_at.toISOString() : null,
        }),
      );
      return filters.openNow ? places.filter((p) => p.openNow === true) : places;
    },

    /** Public places per département (for the choropleth and its table). */
    async countsByDepartement(): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('directory_service_at_locations as sal')
        .innerJoin('directory_services as s', 's.id', 'sal.service_id')
        .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
        .innerJoin('directory_locations as l', 'l.id', 'sal.location_id')
        .where('s.visibility', '=', 'public')
        .where('o.visibility', '=', 'public')
        .where('l.visibility', '=', 'public')
        .where('s.status', '=', 'active')
        .where('l.departement_code', 'is not', null)
        .select(['l.departement_code', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('l.departement_code')
        .execute();
      return new Map(rows.map((r) => [r.departement_code!, Number(r.n)]));
    },

    /**
     * The map's points as a GeoJSON FeatureCollection: the same places as `search`, narrow rows (what a marker and
     * its popup show), communes named after the cap so a dense box sorts and joins as little as possible.
     */
    async geojson(filters: PlaceFilters): Promise<GeoJsonPlaces> {
      const rows = await db
        .with('picked', () =>
          matching(filters)
            .where('l.latitude', 'is not', null)
            .where('l.longitude', 'is not', null)
            .select([
              'sal.id',
              's.name as service',
              's.service_type',
              'o.name as organisation',
              's.publics',
              's.opening_hours',
              'l.commune_code',
              'l.departement_code',
              'l.latitude',
              'l.longitude',
            ])
            .orderBy('l.departement_code')
            .orderBy('s.name')
            .orderBy('sal.id')
            .limit(MAX_PLACES),
        )
        .selectFrom('picked as p')
        .leftJoin('communes as c', 'c.code', 'p.commune_code')
        .selectAll('p')
        .select('c.name as commune')
        .orderBy('p.departement_code')
        .orderBy('p.service')
        .orderBy('p.id')
        .execute();
      const parisNow = new Date(toParisLocalInput(clock.now()));
      const features: GeoJsonPlaces['features'] = [];
      for (const r of rows) {
        const openNow = openAtParis(r.opening_hours, parisNow);
        if (filters.openNow && openNow !== true) continue;
        features.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [r.longitude!, r.latitude!] },
          properties: {
            id: r.id,
            service: r.service,
            organisation: r.organisation,
            type: r.service_type,
            commune: r.commune,
            departement: r.departement_code,
            publics: r.publics,
            openNow,
          },
        });
      }
      return { type: 'FeatureCollection', features };
    },

    /** Every public place on the map with what its filters need, in the map's order (for the in-memory index). */
    async mapRows(): Promise<MapRow[]> {
      return (await db
        .selectFrom(() =>
          matching({})
            .where('l.latitude', 'is not', null)
            .where('l.longitude', 'is not', null)
            .select([
              'sal.id',
              's.name as service',
              's.service_type',
              'o.name as organisation',
              's.publics',
              's.exploitation_forms',
              's.languages',
              's.opening_hours',
              'l.commune_code',
              'l.departement_code',
              'l.latitude',
              'l.longitude',
            ])
            .as('p'),
        )
        .leftJoin('communes as c', 'c.code', 'p.commune_code')
        .selectAll('p')
        .select('c.name as commune')
        .orderBy('p.departement_code')
        .orderBy('p.service')
        .orderBy('p.id')
        .execute()) as MapRow[];
    },
  };
}

export interface MapRow {
  id: string;
  service: string;
  service_type: string;
  organisation: string;
  publics: string[];
  exploitation_forms: string[];
  languages: string[];
  opening_hours: string | null;
  commune_code: string | null;
  departement_code: string | null;
  latitude: number;
  longitude: number;
  commune: string | null;
}

export interface GeoJsonPlaces {
  type: 'FeatureCollection';
  features: Array<{
    type: 'Feature';
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: {
      id: string;
      service: string;
      organisation: string;
      type: string;
      commune: string | null;
      departement: string | null;
      publics: string[];
      openNow: boolean | null;
    };
  }>;
}

export type Places = ReturnType<typeof createPlaces>;
