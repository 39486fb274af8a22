import { sql } from 'kysely';
import { usedPlaces } from '../placements/repository.js';
import {
  type Breakdown,
  type ChartRow,
  grouped,
  inDepartement,
  inPeriod,
  monthOf,
  type QueryContext,
  share,
} from './dashboards-model.js';
import { casesInReach, certificatesInReach, offersInReach, placementsInReach } from './dashboards-scope.js';

/**
 * After the alert: placements and capacity, case files (outcomes, runaways, presence at trial), and training.
 * One aggregate statement per chart; identity fields and notes are never selected.
 */

/** Placements `p` (offer `h`) in reach, in the département of the offer picked. */
const placementsWhere = (q: QueryContext, period: string) =>
  sql`${inPeriod(period, q.filter)} AND ${placementsInReach(q.reach)} ${inDepartement(q, 'h.departement_code')}`;
const placementsFrom = sql`placements p JOIN host_offers h ON h.id = p.offer_id`;

export const PLACEMENT_BREAKDOWNS: Record<string, Breakdown> = {
  month: {
    series: [
      { key: 'demandes', unit: 'count' },
      { key: 'acceptees', unit: 'count' },
      { key: 'commencees', unit: 'count' },
    ],
    labels: 'month',
    query: (q) =>
      grouped(
        q,
        sql`SELECT ${monthOf('p.created_at')} AS key, count(*)::int AS asked,
            count(*) FILTER (WHERE p.accepted_at IS NOT NULL)::int AS accepted,
            count(*) FILTER (WHERE p.started_at IS NOT NULL)::int AS started
          FROM ${placementsFrom} WHERE ${placementsWhere(q, 'p.created_at')} GROUP BY 1`,
        ['asked', 'accepted', 'started'],
        true,
      ),
  },
  status: {
    series: [{ key: 'demandes', unit: 'count' }],
    labels: 'placementStatus',
    query: (q) =>
      grouped(
        q,
        sql`SELECT p.status AS key, count(*)::int AS asked FROM ${placementsFrom}
          WHERE ${placementsWhere(q, 'p.created_at')} GROUP BY 1 ORDER BY 2 DESC, 1`,
        ['asked'],
      ),
  },
  public: {
    series: [
      { key: 'demandes', unit: 'count' },
      { key: 'commencees', unit: 'count' },
    ],
    labels: 'public',
    query: (q) =>
      grouped(
        q,
        sql`SELECT h.public AS key, count(*)::int AS asked,
            count(*) FILTER (WHERE p.started_at IS NOT NULL)::int AS started
          FROM ${placementsFrom} WHERE ${placementsWhere(q, 'p.created_at')} GROUP BY 1 ORDER BY 2 DESC, 1`,
        ['asked', 'started'],
      ),
  },
  end: {
    series: [{ key: 'sorties', unit: 'count' }],
    labels: 'endReason',
    query: (q) =>
      grouped(
        q,
        sql`SELECT COALESCE(p.end_reason, 'other') AS key, count(*)::int AS ended FROM ${placementsFrom}
          WHERE p.ended_at IS NOT NULL AND ${placementsWhere(q, 'p.ended_at')} GROUP BY 1 ORDER BY 2 DESC, 1`,
        ['ended'],
      ),
  },
  capacity: {
    series: [
      { key: 'places', unit: 'count' },
      { key: 'places_occupees', unit: 'count' },
      { key: 'taux_occupation', unit: 'percent' },
    ],
    labels: 'public',
    charted: [0, 1],
    snapshot: true,
    // Open offers today, places in use counted as the placements module counts them.
    async query(q) {
      const { rows } = await sql<{ key: string; places: number; used: number }>`
        SELECT h.public AS key, sum(h.capacity)::int AS places, sum(${usedPlaces(sql`h.id`, q.now)})::int AS used
        FROM host_offers h
        WHERE h.status = 'open' AND ${offersInReach(q.reach)} ${inDepartement(q, 'h.departement_code')}
        GROUP BY 1 ORDER BY 2 DESC, 1`.execute(q.db);
      const line = (key: string, places: number, used: number): ChartRow => ({
        key,
        values: [places, used, share(used, places)],
      });
      const places = rows.reduce((s, r) => s + Number(r.places), 0);
      const used = rows.reduce((s, r) => s + Number(r.used), 0);
      return {
        rows: rows.map((r) => line(r.key, Number(r.places), Number(r.used))),
        total: line('total', places, used),
      };
    },
  },
};

/** Files `c` (lead organisation `lo`) in reach, in the lead's département picked. */
const casesWhere = (q: QueryContext) =>
  sql`${casesInReach(q.reach)} ${inDepartement(q, 'lo.departement_code')}`;
const casesFrom = sql`cases c JOIN organisations lo ON lo.id = c.lead_organisation_id`;
/** Journal entries `e` of the period (Paris days, as the journal records them). */
const eventsInPeriod = (q: QueryContext) =>
  sql`e.occurred_on BETWEEN ${q.filter.from}::date AND ${q.filter.to}::date`;

export const CASE_BREAKDOWNS: Record<string, Breakdown> = {
  month: {
    series: [
      { key: 'suivis_ouverts', unit: 'count' },
      { key: 'suivis_clos', unit: 'count' },
    ],
    labels: 'month',
    query: (q) =>
      grouped(
        q,
        sql`SELECT ${monthOf('v.at')} AS key, count(*) FILTER (WHERE v.what = 'opened')::int AS opened,
            count(*) FILTER (WHERE v.what = 'closed')::int AS closed
          FROM ${casesFrom} CROSS JOIN LATERAL (VALUES ('opened', c.opened_at), ('closed', c.closed_at)) AS v(what, at)
          WHERE ${inPeriod('v.at', q.filter)} AND ${casesWhere(q)} GROUP BY 1`,
        ['opened', 'closed'],
        true,
      ),
  },
  outcome: {
    series: [{ key: 'suivis_clos', unit: 'count' }],
    labels: 'outcome',
    query: (q) =>
      grouped(
        q,
        sql`SELECT c.outcome AS key, count(*)::int AS closed FROM ${casesFrom}
          WHERE c.outcome IS NOT NULL AND ${inPeriod('c.closed_at', q.filter)} AND ${casesWhere(q)}
          GROUP BY 1 ORDER BY 2 DESC, 1`,
        ['closed'],
      ),
  },
  runaway: {
    series: [
      { key: 'fugues', unit: 'count' },
      { key: 'retours', unit: 'count' },
    ],
    labels: 'month',
    query: (q) =>
      grouped(
        q,
        sql`SELECT to_char(e.occurred_on, 'YYYY-MM') AS key,
            count(*) FILTER (WHERE e.kind = 'runaway')::int AS runaways,
            count(*) FILTER (WHERE e.kind = 'return')::int AS returns
          FROM case_events e JOIN ${casesFrom} ON c.id = e.case_id
          WHERE e.kind IN ('runaway', 'return') AND ${eventsInPeriod(q)} AND ${casesWhere(q)} GROUP BY 1`,
        ['runaways', 'returns'],
        true,
      ),
  },
  trial: {
    series: [
      { key: 'audiences', unit: 'count' },
      { key: 'part', unit: 'percent' },
    ],
    labels: 'trial',
    charted: [0],
    // As steering's `trial_presence`: the share of trial entries marked present.
    async query(q) {
      const { rows } = await sql<{ key: string; n: number }>`
        SELECT CASE (e.details->>'present')::boolean WHEN true THEN 'present' WHEN false THEN 'absent' ELSE 'unknown' END AS key,
          count(*)::int AS n
        FROM case_events e JOIN ${casesFrom} ON c.id = e.case_id
        WHERE e.kind = 'trial' AND ${eventsInPeriod(q)} AND ${casesWhere(q)} GROUP BY 1`.execute(q.db);
      const all = rows.reduce((s, r) => s + Number(r.n), 0);
      const count = (key: string) => Number(rows.find((r) => r.key === key)?.n ?? 0);
      return {
        rows: ['present', 'absent', 'unknown'].map((key) => ({
          key,
          values: [count(key), share(count(key), all)],
        })),
        total: { key: 'total', values: [all, all === 0 ? null : 100] },
      };
    },
  },
};

const certificatesWhere = (q: QueryContext) =>
  sql`${inPeriod('tc.issued_at', q.filter)} AND ${certificatesInReach(q.reach)} ${inDepartement(q, 'tc.departement_code')}`;

export const TRAINING_BREAKDOWNS: Record<string, Breakdown> = {
  month: {
    series: [
      { key: 'en_session', unit: 'count' },
      { key: 'a_distance', unit: 'count' },
    ],
    labels: 'month',
    query: (q) =>
      grouped(
        q,
        sql`SELECT ${monthOf('tc.issued_at')} AS key, count(*) FILTER (WHERE tc.kind = 'session')::int AS session,
            count(*) FILTER (WHERE tc.kind = 'distance')::int AS distance
          FROM training_certificates tc WHERE ${certificatesWhere(q)} GROUP BY 1`,
        ['session', 'distance'],
        true,
      ),
  },
  category: {
    series: [
      { key: 'en_session', unit: 'count' },
      { key: 'a_distance', unit: 'count' },
      { key: 'personnes_formees', unit: 'count' },
    ],
    labels: 'category',
    charted: [0, 1],
    query: (q) =>
      grouped(
        q,
        sql`SELECT tc.category AS key, count(*) FILTER (WHERE tc.kind = 'session')::int AS session,
            count(*) FILTER (WHERE tc.kind = 'distance')::int AS distance, count(*)::int AS total
          FROM training_certificates tc WHERE ${certificatesWhere(q)} GROUP BY 1 ORDER BY 4 DESC, 1`,
        ['session', 'distance', 'total'],
      ),
  },
  departement: {
    series: [{ key: 'personnes_formees', unit: 'count' }],
    labels: 'departement',
    query: (q) =>
      grouped(
        q,
        sql`SELECT COALESCE(tc.departement_code, '') AS key, d.name AS label, count(*)::int AS total
          FROM training_certificates tc LEFT JOIN departements d ON d.code = tc.departement_code
          WHERE ${certificatesWhere(q)} GROUP BY 1, 2 ORDER BY 3 DESC, 1`,
        ['total'],
      ),
  },
};
