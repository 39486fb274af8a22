import { type Kysely, sql } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { ALERT_CONTEXTS } from '../alerts/reference.js';
import { CATEGORIES } from '../training/reference.js';
import { CERTIFICATE_KINDS, FORM_ROWS, nationalityGroup, TABLE_IDS, type TableId } from './public-tables.js';

/**
 * Raw counts of one year: `${quarter}|${row}|${column}` → count, per table. Codes the database does not constrain
 * (forms, contexts, categories) fall back to the table's "other" row, so that totals stay whole.
 */
export type YearCounts = Record<TableId, Map<string, number>>;

const key = (quarter: number, row: string, column: string) => `${quarter}|${row}|${column}`;
const add = (map: Map<string, number>, k: string, n: number) => map.set(k, (map.get(k) ?? 0) + n);
const known = (list: readonly string[], code: string | null | undefined, fallback: string) =>
  code && list.includes(code) ? code : fallback;

/**
 * Counts everything the public tables need for `year`, nationally, in Paris time. Only codes and dates are read:
 * never a free-text note nor an encrypted identity field. Demonstration case files and offers are left out.
 */
export async function countYear(db: Kysely<DB>, year: number): Promise<YearCounts> {
  const start = sql`(${`${year}-01-01`}::timestamp AT TIME ZONE 'Europe/Paris')`;
  const end = sql`(${`${year + 1}-01-01`}::timestamp AT TIME ZONE 'Europe/Paris')`;
  const quarterOf = (column: string) =>
    sql.raw(`extract(quarter FROM ${column} AT TIME ZONE 'Europe/Paris')::int`);

  const [alerts, outcomes, trials, placements, trained] = await Promise.all([
    // Persons reported: those described, plus the ones an alert counts without describing them (age unknown).
    sql<{
      quarter: number;
      form: string;
      context: string;
      region: string;
      age: string;
      nationality: string | null;
      n: number;
    }>`WITH a AS (
        SELECT a.id, a.person_count, a.context, d.region_code AS region, ${quarterOf('a.created_at')} AS quarter,
          CASE WHEN cardinality(a.exploitation_forms) = 0 THEN 'non_precisee'
               WHEN cardinality(a.exploitation_forms) > 1 THEN 'plusieurs'
               ELSE a.exploitation_forms[1] END AS form,
          (SELECT count(*) FROM alert_persons p WHERE p.alert_id = a.id)::int AS described
        FROM alerts a JOIN departements d ON d.code = a.departement_code
        WHERE a.created_at >= ${start} AND a.created_at < ${end}
      ), persons AS (
        SELECT a.quarter, a.form, a.context, a.region,
          CASE p.minor WHEN 'yes' THEN 'mineur' WHEN 'no' THEN 'majeur' ELSE 'age_inconnu' END AS age,
          p.nationality, 1 AS weight
        FROM a JOIN alert_persons p ON p.alert_id = a.id
        UNION ALL
        SELECT a.quarter, a.form, a.context, a.region, 'age_inconnu', NULL, a.person_count - a.described FROM a
      )
      SELECT quarter, form, context, region, age, nationality, sum(weight)::int AS n
      FROM persons WHERE weight > 0 GROUP BY 1, 2, 3, 4, 5, 6`.execute(db),
    sql<{ quarter: number; outcome: string; age: string; n: number }>`
      SELECT ${quarterOf('closed_at')} AS quarter, outcome, CASE WHEN minor THEN 'mineur' ELSE 'majeur' END AS age,
        count(*)::int AS n
      FROM cases WHERE NOT is_demo AND outcome IS NOT NULL AND closed_at >= ${start} AND closed_at < ${end}
      GROUP BY 1, 2, 3`.execute(db),
    // One person per file: the first trial of the year, present or not (as recorded on that hearing).
    sql<{ quarter: number; presence: string; age: string; n: number }>`
      SELECT extract(quarter FROM occurred_on)::int AS quarter, presence, age, count(*)::int AS n FROM (
        SELECT DISTINCT ON (e.case_id) e.occurred_on,
          CASE e.details->>'present' WHEN 'true' THEN 'present' WHEN 'false' THEN 'absent' ELSE 'non_renseigne' END
            AS presence,
          CASE WHEN c.minor THEN 'mineur' ELSE 'majeur' END AS age
        FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE e.kind = 'trial' AND NOT c.is_demo
          AND e.occurred_on >= ${`${year}-01-01`}::date AND e.occurred_on < ${`${year + 1}-01-01`}::date
        ORDER BY e.case_id, e.occurred_on, e.created_at
      ) first_trials GROUP BY 1, 2, 3`.execute(db),
    sql<{ quarter: number; public: string; urgency: string; n: number }>`
      SELECT ${quarterOf('p.started_at')} AS quarter, o.public, p.urgency, count(*)::int AS n
      FROM placements p JOIN host_offers o ON o.id = p.offer_id
      WHERE NOT o.is_demo AND p.started_at >= ${start} AND p.started_at < ${end}
      GROUP BY 1, 2, 3`.execute(db),
    sql<{ quarter: number; category: string; kind: string; n: number }>`
      SELECT ${quarterOf('issued_at')} AS quarter, category, kind, count(*)::int AS n
      FROM training_certificates WHERE issued_at >= ${start} AND issued_at < ${end}
      GROUP BY 1, 2, 3`.execute(db),
  ]);

  const counts = Object.fromEntries(TABLE_IDS.map((id) => [id, new Map<string, number>()])) as YearCounts;
  for (const r of alerts.rows) {
    const n = Number(r.n);
    add(counts['alertes-exploitation'], key(r.quarter, known(FORM_ROWS, r.form, 'non_precisee'), r.age), n);
    add(counts['alertes-contexte'], key(r.quarter, known(ALERT_CONTEXTS, r.context, 'autre'), r.age), n);
    add(counts['alertes-region'], key(r.quarter, r.region, r.age), n);
    add(counts['alertes-nationalite'], key(r.quarter, nationalityGroup(r.nationality), r.age), n);
  }
  for (const r of outcomes.rows)
    add(counts['dossiers-issues'], key(r.quarter, r.outcome, r.age), Number(r.n));
  for (const r of trials.rows) add(counts['presence-proces'], key(r.quarter, r.presence, r.age), Number(r.n));
  for (const r of placements.rows) add(counts.placements, key(r.quarter, r.public, r.urgency), Number(r.n));
  for (const r of trained.rows)
    add(
      counts['professionnels-formes'],
      key(r.quarter, known(CATEGORIES, r.category, 'autre'), known(CERTIFICATE_KINDS, r.kind, 'session')),
      Number(r.n),
    );
  return counts;
}

/** The years that hold any public data, for the period choice. */
export async function firstYearWithData(db: Kysely<DB>): Promise<number | null> {
  const { rows } = await sql<{ first: Date | null }>`SELECT least(
      (SELECT min(created_at) FROM alerts),
      (SELECT min(closed_at) FROM cases WHERE NOT is_demo),
      (SELECT min(issued_at) FROM training_certificates)) AS first`.execute(db);
  const first = rows[0]?.first;
  if (!first) return null;
  return Number(
    new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: 'Europe/Paris' }).format(new Date(first)),
  );
}
