import { sql } from 'kysely';
import type { StatisticsDeps } from './deps.js';
import { countYear, firstYearWithData } from './public-queries.js';
import {
  FIRST_YEAR,
  type Period,
  PublicStatisticsError,
  parsePeriod,
  periodCode,
  QUARTERS,
  TABLE_IDS,
  TABLES,
  type TableId,
  type Unit,
} from './public-tables.js';
import {
  type Grid,
  gridCounts,
  gridId,
  gridLines,
  type Line,
  periodLines,
  protect,
  type SuppressionReason,
  TOTAL,
  uniqueLines,
} from './suppression.js';

export interface PublishedCell {
  /** A row code, or "total" for the column totals. */
  readonly row: string;
  /** A column code, or "total" for the row totals. */
  readonly column: string;
  /** Rounded count; null when withheld. */
  readonly value: number | null;
  readonly suppressed: SuppressionReason | null;
}

export interface PublishedTable {
  readonly id: TableId;
  readonly period: string;
  readonly unit: Unit;
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  /** Every row (then the totals row) × every column (then the total column). */
  readonly cells: readonly PublishedCell[];
}

export interface Region {
  readonly code: string;
  readonly name: string;
}

/** One year's release: the year and its four quarters, every table, protected together. */
export interface Publication {
  readonly year: number;
  readonly regions: readonly Region[];
  readonly tables: readonly PublishedTable[];
}

export function cellOf(table: PublishedTable, row: string, column: string): PublishedCell {
  const cell = table.cells.find((c) => c.row === row && c.column === column);
  if (!cell) throw new Error(`no cell ${row} × ${column} in ${table.id}`);
  return cell;
}

const CACHE_MS = 10 * 60_000;

const parisYear = (date: Date) =>
  Number(new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: 'Europe/Paris' }).format(date));

/**
 * Public statistics (issue 10): fixed national tables for ended calendar years and their quarters, released
 * together on 1 January, with small-cell suppression, complementary suppression and rounding (suppression.ts).
 */
export function createPublicStatistics(deps: StatisticsDeps) {
  const { db, clock } = deps;
  const cache = new Map<number, { at: number; value: Promise<Publication> }>();

  /** The last year that has ended: the latest one published. */
  const lastEndedYear = () => parisYear(clock.now()) - 1;

  async function regions(): Promise<Region[]> {
    const { rows } = await sql<Region>`SELECT code, name FROM regions ORDER BY code`.execute(db);
    return rows;
  }

  const service = {
    lastEndedYear,
    regions,
    publicUrl: deps.publicUrl,
    now: () => clock.now(),

    /** Periods offered for choice, newest first: each year, then its quarters (at most ten years back). */
    async periods(): Promise<Period[]> {
      const last = lastEndedYear();
      const first = Math.max((await firstYearWithData(db)) ?? last, last - 9);
      const periods: Period[] = [];
      for (let year = last; year >= Math.min(first, last); year--) {
        periods.push({ year, quarter: null });
        for (const quarter of QUARTERS) periods.push({ year, quarter });
      }
      return periods;
    },

    /** The period a request names (the last ended year when none), or why it cannot be published. */
    period(text: string | undefined): Period {
      if (text === undefined || text.trim() === '') return { year: lastEndedYear(), quarter: null };
      const period = parsePeriod(text);
      if (!period) throw new PublicStatisticsError('invalidPeriod', { value: text.slice(0, 20) });
      if (period.year > lastEndedYear())
        throw new PublicStatisticsError('notEnded', {
          period: periodCode(period),
          year: period.year,
          next: period.year + 1,
          last: lastEndedYear(),
        });
      if (period.year < FIRST_YEAR) throw new PublicStatisticsError('tooOld', { first: FIRST_YEAR });
      return period;
    },

    /**
     * Every table of `year` and of its quarters, protected as one whole so that none can be subtracted from another.
     * Kept CACHE_MS: an open data harvester asks for forty files in a row, and an ended year hardly changes.
     */
    publication(year: number): Promise<Publication> {
      const now = clock.now().getTime();
      const cached = cache.get(year);
      if (cached && now - cached.at < CACHE_MS) return cached.value;
      const value = compute(year);
      cache.delete(year);
      cache.set(year, { at: now, value });
      value.catch(() => {
        if (cache.get(year)?.value === value) cache.delete(year);
      });
      if (cache.size > 12) cache.delete(cache.keys().next().value!);
      return value;
    },

    /** The tables of one public period, in the order of TABLE_IDS. */
    async tables(period: Period): Promise<{ tables: PublishedTable[]; regions: readonly Region[] }> {
      const publication = await service.publication(period.year);
      const code = periodCode(period);
      return { tables: publication.tables.filter((t) => t.period === code), regions: publication.regions };
    },
  };

  async function compute(year: number): Promise<Publication> {
    const [counts, regionList] = await Promise.all([countYear(db, year), regions()]);
    const whole = String(year);
    const parts = QUARTERS.map((q) => `${year}-T${q}`);
    const raw = new Map<string, number>();
    const lines: Line[] = [];
    const grids = TABLE_IDS.map((id) => {
      const spec = TABLES[id];
      const rows = spec.rows === 'regions' ? regionList.map((r) => r.code) : spec.rows;
      return { key: id, population: spec.population, rows, columns: spec.columns } satisfies Grid;
    });
    for (const grid of grids) {
      const byQuarter = counts[grid.key as TableId];
      const count = (q: number, row: string, column: string) => byQuarter.get(`${q}|${row}|${column}`) ?? 0;
      QUARTERS.forEach((q, i) => {
        gridCounts(grid, parts[i]!, (row, column) => count(q, row, column), raw);
      });
      gridCounts(grid, whole, (row, column) => QUARTERS.reduce((n, q) => n + count(q, row, column), 0), raw);
      for (const period of [whole, ...parts]) lines.push(...gridLines(grid, period));
      lines.push(...periodLines(grid, whole, parts));
    }
    const published = protect(raw, uniqueLines(lines));
    const tables: PublishedTable[] = [];
    for (const grid of grids) {
      for (const period of [whole, ...parts]) {
        const cells: PublishedCell[] = [];
        for (const row of [...grid.rows, TOTAL])
          for (const column of [...grid.columns, TOTAL]) {
            const p = published.get(gridId(grid, period, row, column))!;
            cells.push({ row, column, value: p.value, suppressed: p.suppressed });
          }
        tables.push({
          id: grid.key as TableId,
          period,
          unit: TABLES[grid.key as TableId].unit,
          rows: grid.rows,
          columns: grid.columns,
          cells,
        });
      }
    }
    return { year, regions: regionList, tables };
  }
  return service;
}

export type PublicStatistics = ReturnType<typeof createPublicStatistics>;
