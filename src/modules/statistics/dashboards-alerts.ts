import { type RawBuilder, sql } from 'kysely';
import {
  type Breakdown,
  type ChartRow,
  everyMonth,
  grouped,
  inDepartement,
  inPeriod,
  monthOf,
  type QueryContext,
  rowsOf,
  share,
} from './dashboards-model.js';
import { alertsInReach, oppInReach } from './dashboards-scope.js';

/**
 * The alerts dashboard and the response-time dashboard: one aggregate statement per chart, over the alerts raised
 * in the period within the actor's reach. Identity and free text are never read: codes and timestamps only.
 */

/** Alerts `a` of the period, in reach, in the département picked. */
function alertsWhere(q: QueryContext): RawBuilder<unknown> {
  return sql`${inPeriod('a.created_at', q.filter)} AND ${alertsInReach(q.reach)} ${inDepartement(q, 'a.departement_code')}`;
}

export const ALERT_BREAKDOWNS: Record<string, Breakdown> = {
  month: {
    series: [
      { key: 'alertes', unit: 'count' },
      { key: 'dont_mineurs', unit: 'count' },
    ],
    labels: 'month',
    query: (q) =>
      grouped(
        q,
        sql`SELECT ${monthOf('a.created_at')} AS key,
          count(*)::int AS alerts, count(*) FILTER (WHERE a.has_minor)::int AS minors
        FROM alerts a WHERE ${alertsWhere(q)} GROUP BY 1`,
        ['alerts', 'minors'],
        true,
      ),
  },
  context: {
    series: [{ key: 'alertes', unit: 'count' }],
    labels: 'context',
    query: (q) =>
      grouped(
        q,
        sql`SELECT a.context AS key, count(*)::int AS alerts FROM alerts a WHERE ${alertsWhere(q)}
          GROUP BY 1 ORDER BY 2 DESC, 1`,
        ['alerts'],
      ),
  },
  form: {
    series: [{ key: 'alertes', unit: 'count' }],
    labels: 'form',
    // An alert may name several forms: the rows add up to more than the alerts, so no total line.
    async query(q) {
      const { rows } = await sql<
        Record<string, unknown>
      >`SELECT COALESCE(f.form, '') AS key, count(*)::int AS alerts
        FROM alerts a LEFT JOIN LATERAL unnest(a.exploitation_forms) AS f(form) ON true
        WHERE ${alertsWhere(q)} GROUP BY 1 ORDER BY 2 DESC, 1`.execute(q.db);
      return { rows: rowsOf(rows, ['alerts']), total: null };
    },
  },
  minor: {
    series: [{ key: 'alertes', unit: 'count' }],
    labels: 'yesNo',
    query: (q) =>
      grouped(
        q,
        sql`SELECT CASE WHEN a.has_minor THEN 'yes' ELSE 'no' END AS key, count(*)::int AS alerts
          FROM alerts a WHERE ${alertsWhere(q)} GROUP BY 1 ORDER BY 1 DESC`,
        ['alerts'],
      ),
  },
  nationality: {
    series: [
      { key: 'personnes', unit: 'count' },
      { key: 'dont_mineurs', unit: 'count' },
    ],
    labels: 'country',
    query: (q) =>
      grouped(
        q,
        sql`SELECT COALESCE(p.nationality, '') AS key, count(*)::int AS persons,
            count(*) FILTER (WHERE p.minor = 'yes')::int AS minors
          FROM alerts a JOIN alert_persons p ON p.alert_id = a.id
          WHERE ${alertsWhere(q)} GROUP BY 1 ORDER BY 2 DESC, 1`,
        ['persons', 'minors'],
      ),
  },
  departement: {
    series: [
      { key: 'alertes', unit: 'count' },
      { key: 'dont_mineurs', unit: 'count' },
    ],
    labels: 'departement',
    query: (q) =>
      grouped(
        q,
        sql`SELECT a.departement_code AS key, d.name AS label, count(*)::int AS alerts,
            count(*) FILTER (WHERE a.has_minor)::int AS minors
          FROM alerts a JOIN departements d ON d.code = a.departement_code
          WHERE ${alertsWhere(q)} GROUP BY 1, 2 ORDER BY 3 DESC, 1`,
        ['alerts', 'minors'],
      ),
  },
};

/**
 * Hours from an alert's creation to its first acknowledgement, to its first take-over, to the start of its first
 * placement (null where the alert has not got there), one line per alert; acknowledgement as steering's
 * `ack_hours` indicator measures it. Take-overs and placements are aggregated once and hash-joined (a lookup per
 * alert cost 1.6 s with JIT on 66,000 alerts), and date_part gives floats (extract's numeric halves the speed).
 */
function stageHours(q: QueryContext): RawBuilder<unknown> {
  const hoursSince = (column: string) => sql`date_part('epoch', ${sql.ref(column)} - a.created_at) / 3600`;
  return sql`SELECT a.created_at, ${hoursSince('a.acknowledged_at')} AS acknowledgement,
      ${hoursSince('t.at')} AS takeover, ${hoursSince('pl.at')} AS placement
    FROM alerts a
    LEFT JOIN (SELECT e.alert_id, min(e.occurred_at) AS at FROM alert_events e
      WHERE e.kind = 'taken_over' GROUP BY 1) t ON t.alert_id = a.id
    LEFT JOIN (SELECT p.alert_id, min(p.started_at) AS at FROM placements p
      WHERE p.alert_id IS NOT NULL AND p.started_at IS NOT NULL GROUP BY 1) pl ON pl.alert_id = a.id
    WHERE ${alertsWhere(q)}`;
}

const STAGES = ['acknowledgement', 'takeover', 'placement'] as const;
const hours = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
/** percentile_cont skips nulls: each stage's figures cover the alerts that reached it. */
const median = (stage: string) => sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY s.${sql.ref(stage)})`;

export const DELAY_BREAKDOWNS: Record<string, Breakdown> = {
  stage: {
    series: [
      { key: 'alertes_mesurees', unit: 'count' },
      { key: 'mediane_heures', unit: 'hours' },
      { key: 'neuf_sur_dix_heures', unit: 'hours' },
    ],
    labels: 'stage',
    charted: [1, 2],
    async query(q) {
      const figures = STAGES.map(
        (stage) => sql`count(s.${sql.ref(stage)})::int, ${median(stage)},
          percentile_cont(0.9) WITHIN GROUP (ORDER BY s.${sql.ref(stage)})`,
      );
      const { rows } = await sql<{ f: unknown[] }>`SELECT ARRAY[${sql.join(figures)}]::float8[] AS f
        FROM (${stageHours(q)}) s`.execute(q.db);
      const f = rows[0]?.f ?? [];
      return {
        rows: STAGES.map((stage, i) => ({
          key: stage,
          values: [Number(f[3 * i] ?? 0), hours(f[3 * i + 1]), hours(f[3 * i + 2])],
        })),
        total: null,
      };
    },
  },
  month: {
    series: [
      { key: 'mediane_prise_en_compte_heures', unit: 'hours' },
      { key: 'mediane_prise_en_charge_heures', unit: 'hours' },
      { key: 'mediane_placement_heures', unit: 'hours' },
    ],
    labels: 'month',
    async query(q) {
      const { rows } = await sql<Record<string, unknown>>`SELECT ${monthOf('s.created_at')} AS key,
          ${sql.join(STAGES.map((stage) => sql`${median(stage)} AS ${sql.ref(stage)}`))}
        FROM (${stageHours(q)}) s GROUP BY 1`.execute(q.db);
      const list = rows.map((r) => ({ key: String(r.key), values: STAGES.map((stage) => hours(r[stage])) }));
      return { rows: everyMonth(q.filter, list, 3, null), total: null };
    },
  },
  opp: {
    series: [
      { key: 'opp_echues', unit: 'count' },
      { key: 'opp_dans_48h', unit: 'count' },
      { key: 'part_dans_48h', unit: 'percent' },
    ],
    labels: 'month',
    charted: [2],
    // As steering's `opp_48h`: clocks not withdrawn whose order came, or whose deadline passed, by now.
    async query(q) {
      const departement = q.filter.departement
        ? sql`AND EXISTS (SELECT 1 FROM desks fd WHERE fd.id = o.desk_id AND ${q.filter.departement} = ANY(fd.departements))`
        : sql``;
      const { rows } = await sql<{ key: string; n: number; within: number }>`
        SELECT ${monthOf('o.referred_at')} AS key, count(*)::int AS n,
          count(*) FILTER (WHERE o.ordered_at IS NOT NULL AND o.ordered_at <= o.deadline_at)::int AS within
        FROM opp_procedures o
        WHERE o.withdrawn_at IS NULL AND (o.ordered_at IS NOT NULL OR o.deadline_at < ${q.now})
          AND ${inPeriod('o.referred_at', q.filter)} AND ${oppInReach(q.reach)} ${departement}
        GROUP BY 1`.execute(q.db);
      const line = (key: string, n: number, within: number): ChartRow => ({
        key,
        values: [n, within, share(within, n)],
      });
      const months = everyMonth(
        q.filter,
        rows.map((r) => line(r.key, Number(r.n), Number(r.within))),
        3,
      ).map((r) => (r.values[2] === 0 && r.values[0] === 0 ? { ...r, values: [0, 0, null] } : r));
      const n = rows.reduce((s, r) => s + Number(r.n), 0);
      const within = rows.reduce((s, r) => s + Number(r.within), 0);
      return { rows: months, total: line('total', n, within) };
    },
  },
};
