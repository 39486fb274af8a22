import { K_MIN } from '../steering/indicators.js';

/**
 * Statistical secrecy for public tables, pure and deterministic (issue 10).
 *
 * A publication is a set of counts (cells, margins included) tied by additive lines: the members of a line add up
 * to its total (a row and its row total, a column and its column total, four quarters and their year). Three steps:
 * 1. primary suppression: any count from 1 to K_MIN − 1 (10) is withheld ("moins_de_11"); 0 is published, it counts
 *    nobody;
 * 2. complementary suppression: no line may keep exactly one withheld count, or subtracting would give it back; the
 *    smallest non-zero published member is withheld too ("secret_secondaire"), else the line's total, until stable;
 * 3. rounding: every published count is rounded to the nearest multiple of ROUNDING_BASE, never below
 *    MIN_PUBLISHED (11 and 12 read 15), so that overlapping tables cannot be subtracted exactly.
 */

export const ROUNDING_BASE = 5;
/** The smallest non-zero figure ever printed: a published 15 stands for 11 to 17 people. */
export const MIN_PUBLISHED = 15;
export { K_MIN };

export type SuppressionReason = 'moins_de_11' | 'secret_secondaire';

/** The members of a line add up to its total (ids of counts). */
export interface Line {
  readonly members: readonly string[];
  readonly total: string;
}

export interface Protected {
  /** The rounded count, or null when withheld. */
  readonly value: number | null;
  readonly suppressed: SuppressionReason | null;
}

/** A published count: 0 stays 0, others are rounded to the nearest 5, at least 15. */
export function roundCount(raw: number): number {
  if (raw <= 0) return 0;
  return Math.max(MIN_PUBLISHED, Math.round(raw / ROUNDING_BASE) * ROUNDING_BASE);
}

/** The raw counts a published figure may stand for (what a reader can infer from it). */
export function rawInterval(published: number): readonly [number, number] {
  if (published === 0) return [0, 0];
  const half = Math.floor(ROUNDING_BASE / 2);
  if (published === MIN_PUBLISHED) return [K_MIN, MIN_PUBLISHED + half];
  return [published - half, published + half];
}

/** Runs the three steps over `counts` (raw, ≥ 0) bound by `lines`; every id of a line must be in `counts`. */
export function protect(counts: ReadonlyMap<string, number>, lines: readonly Line[]): Map<string, Protected> {
  const reason = new Map<string, SuppressionReason>();
  const raw = (id: string) => {
    const value = counts.get(id);
    if (value === undefined) throw new Error(`count ${id} is in a line but was not given`);
    return value;
  };
  for (const [id, value] of counts) if (value > 0 && value < K_MIN) reason.set(id, 'moins_de_11');

  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const hidden = [...line.members, line.total].filter((id) => reason.has(id)).length;
      if (hidden !== 1) continue;
      const complement = smallestPublished(line.members, raw, reason) ?? line.total;
      reason.set(complement, 'secret_secondaire');
      changed = true;
    }
  }

  const result = new Map<string, Protected>();
  for (const [id, value] of counts) {
    const why = reason.get(id) ?? null;
    result.set(id, { value: why ? null : roundCount(value), suppressed: why });
  }
  return result;
}

/** The complement that costs least: the smallest non-zero published member (ties by id, for stable output). */
function smallestPublished(
  members: readonly string[],
  raw: (id: string) => number,
  reason: ReadonlyMap<string, SuppressionReason>,
): string | undefined {
  let best: string | undefined;
  for (const id of members) {
    if (reason.has(id) || raw(id) === 0) continue;
    if (best === undefined || raw(id) < raw(best) || (raw(id) === raw(best) && id < best)) best = id;
  }
  return best;
}

/** Drops lines given twice (tables of one population share their row of column totals). */
export function uniqueLines(lines: readonly Line[]): Line[] {
  const seen = new Set<string>();
  return lines.filter((line) => {
    const key = `${line.total}=${line.members.join('+')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A two-way table in a publication: rows × columns, with row totals, column totals and a grand total. Tables of
 * the same population (persons in alerts, by form or by region) share their column totals and grand total, so
 * that one of them cannot publish what another withholds.
 */
export interface Grid {
  readonly key: string;
  readonly population: string;
  readonly rows: readonly string[];
  readonly columns: readonly string[];
}

export const TOTAL = 'total';

export function gridId(grid: Grid, period: string, row: string, column: string): string {
  return row === TOTAL
    ? `${grid.population}|${period}|${row}|${column}`
    : `${grid.key}|${period}|${row}|${column}`;
}

/** Each row, each column and the margins of one period's table. */
export function gridLines(grid: Grid, period: string): Line[] {
  const id = (row: string, column: string) => gridId(grid, period, row, column);
  const lines: Line[] = [];
  for (const row of [...grid.rows, TOTAL])
    lines.push({ members: grid.columns.map((c) => id(row, c)), total: id(row, TOTAL) });
  for (const column of [...grid.columns, TOTAL])
    lines.push({ members: grid.rows.map((r) => id(r, column)), total: id(TOTAL, column) });
  return lines;
}

/** Every count of the table of `whole` (a year) is the sum of the same count over `parts` (its quarters). */
export function periodLines(grid: Grid, whole: string, parts: readonly string[]): Line[] {
  const lines: Line[] = [];
  for (const row of [...grid.rows, TOTAL])
    for (const column of [...grid.columns, TOTAL])
      lines.push({
        members: parts.map((p) => gridId(grid, p, row, column)),
        total: gridId(grid, whole, row, column),
      });
  return lines;
}

/** The counts of one period's table, margins computed, from `count(row, column)`. */
export function gridCounts(
  grid: Grid,
  period: string,
  count: (row: string, column: string) => number,
  into: Map<string, number> = new Map(),
): Map<string, number> {
  let grand = 0;
  const columnTotals = grid.columns.map(() => 0);
  for (const row of grid.rows) {
    let rowTotal = 0;
    grid.columns.forEach((column, j) => {
      const n = count(row, column);
      into.set(gridId(grid, period, row, column), n);
      rowTotal += n;
      columnTotals[j]! += n;
    });
    into.set(gridId(grid, period, row, TOTAL), rowTotal);
    grand += rowTotal;
  }
  const shared = (id: string, n: number) => {
    const known = into.get(id);
    if (known !== undefined && known !== n) throw new Error(`tables of ${grid.population} disagree on ${id}`);
    into.set(id, n);
  };
  grid.columns.forEach((column, j) => {
    shared(gridId(grid, period, TOTAL, column), columnTotals[j]!);
  });
  shared(gridId(grid, period, TOTAL, TOTAL), grand);
  return into;
}
