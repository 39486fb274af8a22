import { type Kysely, sql } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { IndicatorUnit } from '../../platform/db/schema-steering.js';

/**
 * Where an indicator's value comes from. `manual`: entered by a coordinator. The others are computed from
 * Relais's own data over the indicator's period (the last 365 days when it has none); a pilot's indicators
 * count only the case files carrying the pilot's tag.
 */
export const SOURCES = {
  manual: { unit: null, pilot: false },
  alerts: { unit: 'count', pilot: false },
  alerts_minors: { unit: 'count', pilot: false },
  ack_hours: { unit: 'hours', pilot: false },
  placements: { unit: 'count', pilot: true },
  opp_48h: { unit: 'percent', pilot: false },
  case_entries: { unit: 'count', pilot: true },
  runaways: { unit: 'count', pilot: true },
  trial_presence: { unit: 'percent', pilot: true },
  newsletter_reach: { unit: 'count', pilot: false },
  // Training (issue 9): certificates issued in the period, all categories or one professional category.
  trained: { unit: 'count', pilot: false },
  trained_police_gendarmerie: { unit: 'count', pilot: false },
  trained_magistrature: { unit: 'count', pilot: false },
  trained_ofii_ofpra: { unit: 'count', pilot: false },
  trained_asile_hebergement: { unit: 'count', pilot: false },
  trained_pjj_administrateurs: { unit: 'count', pilot: false },
  trained_personnel_aerien: { unit: 'count', pilot: false },
  trained_inspection_travail: { unit: 'count', pilot: false },
  trained_travail_social: { unit: 'count', pilot: false },
  trained_associations: { unit: 'count', pilot: false },
  trained_autre: { unit: 'count', pilot: false },
} as const satisfies Record<string, { unit: IndicatorUnit | null; pilot: boolean }>;
export type Source = keyof typeof SOURCES;
export const isSource = (value: string): value is Source => Object.hasOwn(SOURCES, value);

/** A value and the number of people, cases or procedures behind it. */
export interface Measured {
  value: number | null;
  count: number;
}

/** Computes one source over [from, to] (Paris days), optionally for the case files tagged `tag`. */
export async function measure(
  db: Kysely<DB>,
  source: Exclude<Source, 'manual'>,
  from: string,
  to: string,
  tag: string | null,
  now: Date = new Date(),
): Promise<Measured> {
  const day = (column: string) => sql.raw(`(${column} AT TIME ZONE 'Europe/Paris')::date`);
  const tagged = sql`(${tag}::text IS NULL OR c.pilot_tags @> ARRAY[${tag}::text])`;
  const one = async (query: ReturnType<typeof sql<{ value: number | null; count: number }>>) => {
    const { rows } = await query.execute(db);
    const row = rows[0];
    return {
      value: row?.value === null || row?.value === undefined ? null : Number(row.value),
      count: Number(row?.count ?? 0),
    };
  };
  switch (source) {
    case 'alerts':
    case 'alerts_minors':
      return await one(sql`SELECT count(*)::int AS value, count(*)::int AS count FROM alerts
        WHERE ${day('created_at')} BETWEEN ${from}::date AND ${to}::date
          AND (${source === 'alerts_minors'} = false OR has_minor)`);
    case 'ack_hours':
      return await one(sql`SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - created_at)) / 3600)::numeric, 1) AS value,
          count(*)::int AS count FROM alerts
        WHERE acknowledged_at IS NOT NULL AND ${day('created_at')} BETWEEN ${from}::date AND ${to}::date`);
    case 'placements':
      return await one(sql`SELECT count(*)::int AS value, count(*)::int AS count FROM placements p
        WHERE p.started_at IS NOT NULL AND ${day('p.started_at')} BETWEEN ${from}::date AND ${to}::date
          AND (${tag}::text IS NULL OR EXISTS (
            SELECT 1 FROM case_links l JOIN cases c ON c.id = l.case_id
            WHERE l.kind = 'placement' AND l.target_id = p.id AND ${tagged}))`);
    case 'opp_48h':
      return await one(sql`SELECT CASE WHEN count(*) = 0 THEN NULL
            ELSE round(100.0 * count(*) FILTER (WHERE ordered_at IS NOT NULL AND ordered_at <= deadline_at) / count(*), 1) END AS value,
          count(*)::int AS count FROM opp_procedures
        WHERE withdrawn_at IS NULL AND ${day('referred_at')} BETWEEN ${from}::date AND ${to}::date
          AND (ordered_at IS NOT NULL OR deadline_at < ${now})`);
    case 'case_entries':
      return await one(sql`SELECT count(*)::int AS value, count(*)::int AS count FROM cases c
        WHERE ${day('c.opened_at')} BETWEEN ${from}::date AND ${to}::date AND ${tagged}`);
    case 'runaways':
      return await one(sql`SELECT count(*)::int AS value, count(DISTINCT e.case_id)::int AS count
        FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE e.kind = 'runaway' AND e.occurred_on BETWEEN ${from}::date AND ${to}::date AND ${tagged}`);
    case 'trial_presence':
      return await one(sql`SELECT CASE WHEN count(*) = 0 THEN NULL
            ELSE round(100.0 * count(*) FILTER (WHERE (e.details->>'present')::boolean IS TRUE) / count(*), 1) END AS value,
          count(*)::int AS count
        FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE e.kind = 'trial' AND e.occurred_on BETWEEN ${from}::date AND ${to}::date AND ${tagged}`);
    case 'trained':
    case 'trained_police_gendarmerie':
    case 'trained_magistrature':
    case 'trained_ofii_ofpra':
    case 'trained_asile_hebergement':
    case 'trained_pjj_administrateurs':
    case 'trained_personnel_aerien':
    case 'trained_inspection_travail':
    case 'trained_travail_social':
    case 'trained_associations':
    case 'trained_autre': {
      const category = source === 'trained' ? null : source.slice('trained_'.length);
      return await one(sql`SELECT count(*)::int AS value, count(*)::int AS count FROM training_certificates
        WHERE ${day('issued_at')} BETWEEN ${from}::date AND ${to}::date
          AND (${category}::text IS NULL OR category = ${category}::text)`);
    }
    case 'newsletter_reach':
      return await one(sql`SELECT count(*)::int AS value, count(*)::int AS count FROM newsletter_subscribers
        WHERE status = 'confirmed' AND (confirmed_at AT TIME ZONE 'Europe/Paris')::date <= ${to}::date`);
  }
}
