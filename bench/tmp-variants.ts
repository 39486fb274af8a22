import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/index.js';
import { createPlacementRepository, type SearchCriteria, usedPlaces } from '../src/modules/placements/repository.js';
import { percentile } from './lib/load.js';
import { criteriaOf, searchInputs } from './placements.js';

const url = process.argv[2];
const database = await openDatabase(url !== '-' ? { databaseUrl: url } : { embeddedDir: process.argv[3] });
const db = database.db;
const inputs = await searchInputs(db, 550);
const criteria = await criteriaOf(db, inputs);
const repo = createPlacementRepository(db);
const MIN_AGO = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

function variant(distance: 'earth' | 'scaled', communesAfter: boolean) {
  return (c: SearchCriteria) => {
    const languages = c.languages.length > 0 ? sql`${c.languages}::text[]` : sql`'{}'::text[]`;
    const d = distance === 'earth'
      ? sql`earth_distance(ll_to_earth(o.latitude, o.longitude), ll_to_earth(${c.latitude}, ${c.longitude})) / 1000`
      : sql`(point(o.longitude, o.latitude) <@> point(${c.longitude}, ${c.latitude})) * (6378.168 / 3958.747716)`;
    return sql<{ id: string }>`
      WITH candidates AS MATERIALIZED (
        SELECT o.id, o.name, org.name AS organisation_name, o.organisation_id, o.public, o.departement_code, o.commune_code,
               ${communesAfter ? sql`` : sql`cm.name AS commune_name,`}
               o.secret_address, o.languages, o.specialisation, o.capacity_confirmed_at,
               ${d} AS dkm,
               o.capacity - ${usedPlaces(sql`o.id`, c.now)} AS free
        FROM host_offers o
        JOIN organisations org ON org.id = o.organisation_id AND org.active
        ${communesAfter ? sql`` : sql`JOIN communes cm ON cm.code = o.commune_code`}
        WHERE o.public = ${c.public} AND o.status = 'open'
          AND (${c.age}::int IS NULL OR ((o.min_age IS NULL OR o.min_age <= ${c.age}) AND (o.max_age IS NULL OR o.max_age >= ${c.age})))
          AND (NOT ${c.accompaniedChildren}::boolean OR o.accompanied_children)
      ), kept AS MATERIALIZED (
        SELECT *, round(dkm)::int AS km FROM candidates WHERE dkm >= ${c.minDistanceKm} AND free > 0
      ), ranked AS (
        SELECT *,
          (CASE WHEN languages && ${languages} THEN 3 ELSE 0 END)
          + (CASE specialisation WHEN 'teh' THEN 2 WHEN 'foster_families' THEN (CASE WHEN public IN ('mineures', 'mineurs') THEN 1 ELSE 0 END) ELSE 0 END)
          + (CASE WHEN capacity_confirmed_at >= ${MIN_AGO(c.now, 2)} THEN 2
                  WHEN capacity_confirmed_at >= ${MIN_AGO(c.now, 7)} THEN 1
                  WHEN ${c.urgency} = 'immediate' THEN -4 ELSE -2 END)
          + (CASE WHEN km < ${c.minDistanceKm + 200} THEN 1 WHEN km < ${c.minDistanceKm + 500} THEN 0 ELSE -1 END) AS score
        FROM kept ORDER BY score DESC, km ASC, free DESC LIMIT ${c.limit}
      )
      SELECT r.* ${communesAfter ? sql`, cm.name AS commune_name FROM ranked r JOIN communes cm ON cm.code = r.commune_code` : sql`FROM ranked r`}
      ORDER BY score DESC, km ASC, free DESC`.execute(db).then((r) => r.rows);
  };
}
const variants: Record<string, (c: SearchCriteria) => Promise<Array<{ id: string }>>> = {
  current: (c) => repo.search(c),
  'once-earth': variant('earth', false),
  'once-earth-communes-after': variant('earth', true),
  'once-scaled-point': variant('scaled', false),
  'once-scaled-communes-after': variant('scaled', true),
};
const same: Record<string, number> = {};
for (const [name, fn] of Object.entries(variants)) {
  for (const c of criteria.slice(0, 50)) await fn({ ...c, now: new Date() });
  const times: number[] = [];
  same[name] = 0;
  for (const [i, c] of criteria.slice(50).entries()) {
    const now = new Date();
    const t0 = performance.now();
    const rows = await fn({ ...c, now });
    times.push(performance.now() - t0);
    if (i < 200) {
      const ref = await repo.search({ ...c, now });
      const key = (rs: Array<Record<string, unknown>>) => rs.map((r) => `${r.score}|${r.km}|${r.free}`).join();
      if (ref.map((r) => r.id).join() === rows.map((r) => r.id).join()) same[name]++;
      else if (key(ref as never) === key(rows as never)) same[name] += 0.001;
      else console.log(name, 'differs', JSON.stringify(c));
    }
  }
  times.sort((a, b) => a - b);
  console.log(name.padEnd(28), 'p50', percentile(times, 50).toFixed(2), 'p95', percentile(times, 95).toFixed(2), 'p99', percentile(times, 99).toFixed(2));
}
console.log('identical ordered result lists (of 200):', same);
await database.close();
