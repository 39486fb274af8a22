import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { ValidationError } from '../../platform/http/errors.js';
import { parisDate } from '../../platform/time/paris.js';
import type { DashboardKey, Reach } from './dashboards-scope.js';

/** How a figure reads: a count, a duration in hours (medians), a share in per cent. */
export type Unit = 'count' | 'hours' | 'percent';
/** A column of a chart's table (and of its CSV); its key is also its CSV header and i18n key. */
export interface Series {
  key: string;
  unit: Unit;
}
/** One line of a chart: the code it groups by (a month, a context, a country…) and a value per series. */
export interface ChartRow {
  key: string;
  /** A label computed with the row (a département's name); otherwise the view names the code. */
  label?: string;
  values: ReadonlyArray<number | null>;
}
/** How a row's code reads: the view and the CSV turn it into words the same way. */
export type LabelKind =
  | 'month'
  | 'context'
  | 'form'
  | 'yesNo'
  | 'country'
  | 'departement'
  | 'stage'
  | 'placementStatus'
  | 'public'
  | 'endReason'
  | 'outcome'
  | 'trial'
  | 'category';

export interface ChartData {
  rows: ChartRow[];
  /** The whole line, when adding rows up means something (or computed apart, like a share). */
  total: ChartRow | null;
}

/** What one chart needs: who sees what, the period as instants, the département picked. */
export interface QueryContext {
  db: Kysely<DB>;
  reach: Reach;
  filter: DashboardFilter;
  now: Date;
}

export interface Breakdown {
  series: readonly Series[];
  labels: LabelKind;
  /** Series drawn as bars (the others are only in the table): default all. */
  charted?: readonly number[];
  /** A picture of now (capacity), not of the period. */
  snapshot?: boolean;
  query(q: QueryContext): Promise<ChartData>;
}

export interface Chart {
  dashboard: DashboardKey;
  breakdown: string;
  series: readonly Series[];
  labels: LabelKind;
  charted: readonly number[];
  snapshot: boolean;
  rows: ChartRow[];
  total: ChartRow | null;
}

/** Filters of every dashboard: a period of Paris days, a département (empty: all of the reach), one breakdown (empty: all). */
export interface DashboardFilter {
  from: string;
  to: string;
  departement: string;
  breakdown: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (d: string) => DAY.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
/** Ten years of months at most: the charts stay readable and the queries bounded. */
const MAX_DAYS = 3660;

/** The last twelve months: from the first day of the month eleven months back to today (Paris). */
export function defaultPeriod(now: Date): { from: string; to: string } {
  const today = parisDate(now);
  const [year, month] = today.split('-').map(Number) as [number, number];
  const back = new Date(Date.UTC(year, month - 1 - 11, 1));
  return { from: back.toISOString().slice(0, 10), to: today };
}

/**
 * Checks a filter against the dashboard's breakdowns and the actor's départements; throws one message per field
 * (i18n keys). A period in the future is refused rather than shown as empty bars.
 */
export function checkFilter(
  filter: DashboardFilter,
  now: Date,
  breakdowns: readonly string[],
  departements: readonly string[] | 'any',
  known: ReadonlySet<string>,
): DashboardFilter {
  const errors: Record<string, string> = {};
  const key = (k: string) => `statistics.dashboards.errors.${k}`;
  const today = parisDate(now);
  if (!validDay(filter.from)) errors.from = key('date');
  if (!validDay(filter.to)) errors.to = key('date');
  if (!errors.from && filter.from > today) errors.from = key('future');
  if (!errors.to && filter.to > today) errors.to = key('future');
  if (!errors.from && !errors.to) {
    if (filter.to < filter.from) errors.to = key('endBeforeStart');
    else if (Date.parse(filter.to) - Date.parse(filter.from) > MAX_DAYS * 86_400_000)
      errors.from = key('tooLong');
  }
  if (filter.breakdown && !breakdowns.includes(filter.breakdown)) errors.breakdown = key('breakdown');
  if (filter.departement) {
    if (!known.has(filter.departement)) errors.departement = key('departementUnknown');
    else if (departements !== 'any' && !departements.includes(filter.departement))
      errors.departement = key('departementOutside');
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return filter;
}

/** The period's first instant (midnight in Paris of `from`), for range scans on timestamp indexes. */
export const periodStart = (f: DashboardFilter): RawBuilder<Date> =>
  sql<Date>`(${f.from}::date::timestamp AT TIME ZONE 'Europe/Paris')`;
/** The instant just after the period (midnight in Paris the day after `to`). */
export const periodEnd = (f: DashboardFilter): RawBuilder<Date> =>
  sql<Date>`((${f.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')`;
/** `column` (a timestamptz) falls in the period. */
export const inPeriod = (column: string, f: DashboardFilter): RawBuilder<boolean> =>
  sql<boolean>`${sql.ref(column)} >= ${periodStart(f)} AND ${sql.ref(column)} < ${periodEnd(f)}`;
/** The Paris month (YYYY-MM) of a timestamptz column. */
export const monthOf = (column: string): RawBuilder<string> =>
  sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'Europe/Paris', 'YYYY-MM')`;

/** Every month of the period, in order, with zeros where nothing happened (so the bars line up with the calendar). */
export function everyMonth(
  f: DashboardFilter,
  rows: readonly ChartRow[],
  width: number,
  empty: number | null = 0,
): ChartRow[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const out: ChartRow[] = [];
  let [year, month] = f.from.split('-').map(Number) as [number, number];
  const last = f.to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) break;
    out.push(byKey.get(key) ?? { key, values: Array.from({ length: width }, () => empty) });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

/** Count columns added up (0 for no row); null where the rows hold no figure at all in a column. */
export function sumRow(rows: readonly ChartRow[], width: number): ChartRow {
  if (rows.length === 0) return { key: 'total', values: Array.from({ length: width }, () => 0) };
  const values = Array.from({ length: width }, (_, i) => {
    const present = rows.map((r) => r.values[i]).filter((v): v is number => v !== null && v !== undefined);
    return present.length > 0 ? present.reduce((s, v) => s + v, 0) : null;
  });
  return { key: 'total', values };
}

/** Numbers from the driver (bigint and numeric come back as strings). */
export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** A share in per cent with one decimal; null when nothing was measured. */
export const share = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((1000 * part) / whole) / 10;

type Row = Record<string, unknown>;

/** Driver rows (key, optional label, one column per series) as chart rows. */
export const rowsOf = (rows: readonly Row[], columns: readonly string[]): ChartRow[] =>
  rows.map((r) => ({
    key: String(r.key ?? ''),
    ...(r.label === undefined || r.label === null ? {} : { label: String(r.label) }),
    values: columns.map((c) => num(r[c])),
  }));

/** Runs a chart's grouped count statement: its rows (every month of the period when `months`), their sum. */
export async function grouped(
  q: QueryContext,
  statement: RawBuilder<Row>,
  columns: string[],
  months = false,
): Promise<ChartData> {
  const { rows } = await statement.execute(q.db);
  const list = rowsOf(rows, columns);
  const out = months ? everyMonth(q.filter, list, columns.length) : list;
  return { rows: out, total: sumRow(out, columns.length) };
}

/** `AND column = the département picked`, or nothing. */
export const inDepartement = (q: QueryContext, column: string) =>
  q.filter.departement ? sql`AND ${sql.ref(column)} = ${q.filter.departement}` : sql``;
