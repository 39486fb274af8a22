import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { DB, HostOffersTable, PlacementsTable } from '../../platform/db/schema.js';

export type OfferRow = Selectable<HostOffersTable>;
export type PlacementRow = Selectable<PlacementsTable>;

/** Places in use, derived from the placements (never typed): held and not expired, accepted, started. */
export function usedPlaces(offerId: ReturnType<typeof sql>, now: Date) {
  return sql<number>`(SELECT count(*)::int FROM placements p WHERE p.offer_id = ${offerId}
    AND (p.status IN ('accepted', 'started') OR (p.status = 'held' AND p.hold_expires_at > ${now})))`;
}

/** earthdistance's `<@>` answers in statute miles on a sphere of 3,958.747716 miles: this brings it to the
 * kilometres of its earth() (6,378.168 km), the sphere earth_distance() uses. */
const KM_PER_MILE = 6378.168 / 3958.747716;

/** The band a hidden shelter's distance is known to, so that it cannot be located from several searches. */
export const SECRET_DISTANCE_BAND_KM = 25;

/**
 * The distance from the place of exploitation in km; a hidden shelter's is rounded to its band in the filter,
 * the score and the answer alike (a filter on the exact distance would give it away by bisection).
 */
function SECRET_AWARE_DISTANCE(c: { latitude: number; longitude: number }) {
  const exact = sql`(point(o.longitude, o.latitude) <@> point(${c.longitude}, ${c.latitude})) * ${KM_PER_MILE}`;
  return sql`CASE WHEN o.secret_address THEN round(${exact} / ${SECRET_DISTANCE_BAND_KM}) * ${SECRET_DISTANCE_BAND_KM} ELSE ${exact} END`;
}

export interface SearchCriteria {
  latitude: number;
  longitude: number;
  minDistanceKm: number;
  public: string;
  age: number | null;
  accompaniedChildren: boolean;
  languages: string[];
  urgency: string;
  now: Date;
  limit: number;
}

export interface CandidateRow {
  id: string;
  name: string;
  organisation_name: string;
  organisation_id: string;
  public: string;
  departement_code: string;
  commune_name: string;
  secret_address: boolean;
  languages: string[];
  specialisation: string;
  capacity_confirmed_at: Date;
  km: number;
  free: number;
  score: number;
}

/** Kysely queries of placements; services own the transactions. */
export function createPlacementRepository(db: Kysely<DB>) {
  const MIN_AGO = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

  return {
    /**
     * The search itself, in one statement: hard filters (public, open, free place, distance, age and children
     * conditions), then the score (language, specialisation, freshness of capacity, distance band).
     */
    search(c: SearchCriteria): Promise<CandidateRow[]> {
      const languages = c.languages.length > 0 ? sql`${c.languages}::text[]` : sql`'{}'::text[]`;
      // Distances on the sphere of earthdistance's earth() (6,378.168 km) with the point operator, about five times
      // cheaper than earth_distance(ll_to_earth()); each offer's distance and free places are computed once
      // (MATERIALIZED), names are joined after the LIMIT. Measured in bench/RESULTS.md (issue 4).
      return sql<CandidateRow>`
        WITH kept AS MATERIALIZED (
          SELECT o.id, o.name, o.organisation_id, o.public, o.departement_code, o.commune_code, o.secret_address,
                 o.languages, o.specialisation, o.capacity_confirmed_at, o.capacity,
                 ${SECRET_AWARE_DISTANCE(c)} AS distance
          FROM host_offers o
          JOIN organisations org ON org.id = o.organisation_id AND org.active
          WHERE o.public = ${c.public} AND o.status = 'open'
            AND (${c.age}::int IS NULL OR ((o.min_age IS NULL OR o.min_age <= ${c.age}) AND (o.max_age IS NULL OR o.max_age >= ${c.age})))
            AND (NOT ${c.accompaniedChildren}::boolean OR o.accompanied_children)
        ),
        far AS MATERIALIZED (
          SELECT k.*, round(k.distance)::int AS km, k.capacity - ${usedPlaces(sql`k.id`, c.now)} AS free
          FROM kept k
          WHERE k.distance >= ${c.minDistanceKm}::float8
        ),
        ranked AS (
          SELECT far.*,
            (CASE WHEN languages && ${languages} THEN 3 ELSE 0 END)
            + (CASE specialisation WHEN 'teh' THEN 2 WHEN 'foster_families' THEN (CASE WHEN public IN ('mineures', 'mineurs') THEN 1 ELSE 0 END) ELSE 0 END)
            + (CASE WHEN capacity_confirmed_at >= ${MIN_AGO(c.now, 2)} THEN 2
                    WHEN capacity_confirmed_at >= ${MIN_AGO(c.now, 7)} THEN 1
                    WHEN ${c.urgency} = 'immediate' THEN -4 ELSE -2 END)
            + (CASE WHEN km < ${c.minDistanceKm + 200}::float8 THEN 1 WHEN km < ${c.minDistanceKm + 500}::float8 THEN 0 ELSE -1 END) AS score
          FROM far
          WHERE free > 0
          ORDER BY score DESC, km ASC, free DESC, id
          LIMIT ${c.limit}
        )
        SELECT r.id, r.name, org.name AS organisation_name, r.organisation_id, r.public, r.departement_code,
               cm.name AS commune_name, r.secret_address, r.languages, r.specialisation, r.capacity_confirmed_at,
               r.km, r.free, r.score
        FROM ranked r
        JOIN organisations org ON org.id = r.organisation_id
        JOIN communes cm ON cm.code = r.commune_code
        ORDER BY r.score DESC, r.km ASC, r.free DESC, r.id`
        .execute(db)
        .then((r) => r.rows);
    },

    /** Offers of the public that the hard filters set aside, with what each failed. */
    excluded(c: SearchCriteria) {
      return sql<{
        id: string;
        name: string;
        organisation_name: string;
        status: string;
        km: number;
        free: number;
        min_age: number | null;
        max_age: number | null;
        accompanied_children: boolean;
      }>`
        SELECT o.id, o.name, org.name AS organisation_name, o.status, o.min_age, o.max_age, o.accompanied_children,
               round(${SECRET_AWARE_DISTANCE(c)})::int AS km,
               o.capacity - ${usedPlaces(sql`o.id`, c.now)} AS free
        FROM host_offers o JOIN organisations org ON org.id = o.organisation_id
        WHERE o.public = ${c.public}
        ORDER BY km
        LIMIT 300`
        .execute(db)
        .then((r) => r.rows);
    },

    getOffer(executor: Kysely<DB>, id: string, forUpdate = false): Promise<OfferRow | undefined> {
      let query = executor.selectFrom('host_offers').selectAll().where('id', '=', id);
      if (forUpdate) query = query.forUpdate();
      return query.executeTakeFirst();
    },

    async used(
      executor: Kysely<DB>,
      offerId: string,
      now: Date,
    ): Promise<{ occupied: number; held: number }> {
      const row = await executor
        .selectFrom('placements')
        .select([
          sql<number>`count(*) FILTER (WHERE status IN ('accepted', 'started'))::int`.as('occupied'),
          sql<number>`count(*) FILTER (WHERE status = 'held' AND hold_expires_at > ${now})::int`.as('held'),
        ])
        .where('offer_id', '=', offerId)
        .executeTakeFirstOrThrow();
      return { occupied: Number(row.occupied), held: Number(row.held) };
    },

    /** Offers with their derived use, for the structure's page and the capacity dashboard. */
    offersWithUse(filter: { organisationId?: string; departements?: readonly string[] }, now: Date) {
      let query = db
        .selectFrom('host_offers as o')
        .innerJoin('organisations as org', 'org.id', 'o.organisation_id')
        .innerJoin('communes as c', 'c.code', 'o.commune_code')
        .selectAll('o')
        .select([
          'org.name as organisation_name',
          'c.name as commune_name',
          sql<number>`(SELECT count(*)::int FROM placements p WHERE p.offer_id = o.id AND p.status IN ('accepted', 'started'))`.as(
            'occupied',
          ),
          sql<number>`(SELECT count(*)::int FROM placements p WHERE p.offer_id = o.id AND p.status = 'held' AND p.hold_expires_at > ${now})`.as(
            'held',
          ),
        ])
        .orderBy('org.name')
        .orderBy('o.name');
      if (filter.organisationId) query = query.where('o.organisation_id', '=', filter.organisationId);
      if (filter.departements)
        query = query.where(
          'o.departement_code',
          'in',
          filter.departements.length > 0 ? [...filter.departements] : ['-'],
        );
      return query.execute();
    },

    insertOffer(executor: Kysely<DB>, values: Insertable<HostOffersTable>) {
      return executor.insertInto('host_offers').values(values).returning('id').executeTakeFirstOrThrow();
    },
    async updateOffer(executor: Kysely<DB>, id: string, values: Updateable<HostOffersTable>) {
      await executor.updateTable('host_offers').set(values).where('id', '=', id).execute();
    },

    async nextReference(executor: Kysely<DB>, year: number): Promise<string> {
      const { rows } = await sql<{ n: number }>`SELECT nextval('placement_reference_seq')::int AS n`.execute(
        executor,
      );
      return `PLC-${year}-${String(rows[0]!.n).padStart(6, '0')}`;
    },
    insertPlacement(executor: Kysely<DB>, values: Insertable<PlacementsTable>) {
      return executor.insertInto('placements').values(values).returningAll().executeTakeFirstOrThrow();
    },
    getPlacement(executor: Kysely<DB>, id: string, forUpdate = false) {
      let query = executor
        .selectFrom('placements as p')
        .innerJoin('host_offers as o', 'o.id', 'p.offer_id')
        .innerJoin('organisations as org', 'org.id', 'o.organisation_id')
        .selectAll('p')
        .select([
          'o.name as offer_name',
          'o.organisation_id as offer_organisation_id',
          'o.departement_code as offer_departement',
          'org.name as organisation_name',
        ])
        .where('p.id', '=', id);
      if (forUpdate) query = query.forUpdate('p');
      return query.executeTakeFirst();
    },
    async updatePlacement(executor: Kysely<DB>, id: string, values: Updateable<PlacementsTable>) {
      await executor.updateTable('placements').set(values).where('id', '=', id).execute();
    },
    /** Holds past their expiry, still marked held. */
    expiredHolds(now: Date) {
      return db
        .selectFrom('placements')
        .select(['id', 'offer_id'])
        .where('status', '=', 'held')
        .where('hold_expires_at', '<=', now)
        .limit(500)
        .execute();
    },
    listPlacements(
      filter: { requestedBy?: string; organisationId?: string; departements?: readonly string[] },
      limit = 200,
    ) {
      let query = db
        .selectFrom('placements as p')
        .innerJoin('host_offers as o', 'o.id', 'p.offer_id')
        .innerJoin('organisations as org', 'org.id', 'o.organisation_id')
        .selectAll('p')
        .select([
          'o.name as offer_name',
          'o.organisation_id as offer_organisation_id',
          'o.departement_code as offer_departement',
          'org.name as organisation_name',
        ])
        .orderBy(sql`CASE WHEN p.status IN ('held', 'accepted', 'started') THEN 0 ELSE 1 END`)
        .orderBy('p.created_at', 'desc')
        .limit(limit);
      if (filter.requestedBy) query = query.where('p.requested_by', '=', filter.requestedBy);
      if (filter.organisationId) query = query.where('o.organisation_id', '=', filter.organisationId);
      if (filter.departements)
        query = query.where(
          'o.departement_code',
          'in',
          filter.departements.length > 0 ? [...filter.departements] : ['-'],
        );
      return query.execute();
    },
  };
}

export type PlacementRepository = ReturnType<typeof createPlacementRepository>;
