import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type Grid,
  gridCounts,
  gridId,
  gridLines,
  type Line,
  periodLines,
  type Protected,
  protect,
  rawInterval,
  roundCount,
  uniqueLines,
} from '../../../src/modules/statistics/suppression.js';

/** Every line keeps zero or at least two withheld counts (otherwise subtraction gives one back). */
function assertNoLoneSecret(lines: readonly Line[], published: ReadonlyMap<string, Protected>) {
  for (const line of lines) {
    const hidden = [...line.members, line.total].filter((id) => published.get(id)!.suppressed);
    assert.notEqual(hidden.length, 1, `line ${line.total} keeps one hidden cell: ${hidden[0]}`);
  }
}

function assertNothingBelowK(published: ReadonlyMap<string, Protected>, raw: ReadonlyMap<string, number>) {
  for (const [id, p] of published) {
    if (p.value === null) continue;
    assert.ok(raw.get(id) === 0 || raw.get(id)! >= 11, `${id} publishes a count of ${raw.get(id)}`);
    assert.ok(p.value === 0 || p.value >= 15, `${id} reads ${p.value}`);
  }
}

/** A small deterministic generator, so that the random tables are the same on every run. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const grid = (rows: number, columns: number, key = 't', population = key): Grid => ({
  key,
  population,
  rows: Array.from({ length: rows }, (_, i) => `r${i}`),
  columns: Array.from({ length: columns }, (_, j) => `c${j}`),
});

describe('statistical secrecy (pure engine)', () => {
  test('a count of 1 to 10 is withheld as "moins_de_11"; 0 and 11+ are published, rounded to 5, at least 15', () => {
    const raw = new Map([
      ['zero', 0],
      ['one', 1],
      ['ten', 10],
      ['eleven', 11],
      ['twelve', 12],
      ['eighteen', 18],
      ['big', 1234],
    ]);
    const published = protect(raw, []);
    assert.deepEqual(published.get('zero'), { value: 0, suppressed: null });
    assert.deepEqual(published.get('one'), { value: null, suppressed: 'moins_de_11' });
    assert.deepEqual(published.get('ten'), { value: null, suppressed: 'moins_de_11' });
    assert.deepEqual(published.get('eleven'), { value: 15, suppressed: null });
    assert.deepEqual(published.get('twelve'), { value: 15, suppressed: null });
    assert.deepEqual(published.get('eighteen'), { value: 20, suppressed: null });
    assert.deepEqual(published.get('big'), { value: 1235, suppressed: null });
  });

  test('a published figure stands for an interval that always contains the raw count', () => {
    for (let raw = 0; raw <= 500; raw++) {
      if (raw > 0 && raw < 11) continue;
      const [lo, hi] = rawInterval(roundCount(raw));
      assert.ok(lo <= raw && raw <= hi, `${raw} → ${roundCount(raw)} → [${lo}, ${hi}]`);
      if (raw > 0) assert.ok(hi - lo >= 4, 'never narrower than five values');
    }
    assert.deepEqual(rawInterval(15), [11, 17]);
  });

  test('minors + adults = all: a row with one small cell gets a complement, the smallest non-zero one', () => {
    const g = grid(2, 3);
    const raw = gridCounts(
      g,
      'p',
      (r, c) => ({ r0c0: 3, r0c1: 40, r0c2: 25, r1c0: 30, r1c1: 50, r1c2: 0 })[r + c]!,
    );
    const published = protect(raw, gridLines(g, 'p'));
    assert.equal(published.get(gridId(g, 'p', 'r0', 'c0'))!.suppressed, 'moins_de_11');
    // Row r0 and column c0 each needed a second hidden cell: r0's smallest other (25), c0's other (30).
    assert.equal(published.get(gridId(g, 'p', 'r0', 'c2'))!.suppressed, 'secret_secondaire');
    assert.equal(published.get(gridId(g, 'p', 'r1', 'c0'))!.suppressed, 'secret_secondaire');
    // Which leaves r1 and c2 with one hidden cell each, and so on until every line is closed; c2's other member
    // is a zero (never a complement), so c2's total goes.
    assert.equal(published.get(gridId(g, 'p', 'total', 'c2'))!.suppressed, 'secret_secondaire');
    assertNoLoneSecret(gridLines(g, 'p'), published);
    assertNothingBelowK(published, raw);
    assert.equal(published.get(gridId(g, 'p', 'r1', 'c2'))!.value, 0, 'a zero is never used as a complement');
  });

  test('a small total is withheld itself, and then its whole line', () => {
    const g = grid(1, 2);
    const raw = gridCounts(g, 'p', (_r, c) => (c === 'c0' ? 4 : 3));
    const published = protect(raw, gridLines(g, 'p'));
    for (const [, p] of published) assert.equal(p.suppressed, 'moins_de_11');
  });

  test('a year and its quarters: three published quarters cannot reveal the fourth', () => {
    const g = grid(1, 1);
    const quarters = ['Q1', 'Q2', 'Q3', 'Q4'];
    const byQuarter: Record<string, number> = { Q1: 12, Q2: 14, Q3: 13, Q4: 3 };
    const raw = new Map<string, number>();
    for (const q of quarters) gridCounts(g, q, () => byQuarter[q]!, raw);
    gridCounts(g, 'Y', () => 42, raw);
    const lines = uniqueLines([
      ...['Y', ...quarters].flatMap((p) => gridLines(g, p)),
      ...periodLines(g, 'Y', quarters),
    ]);
    const published = protect(raw, lines);
    assert.equal(published.get(gridId(g, 'Q4', 'r0', 'c0'))!.suppressed, 'moins_de_11');
    assert.equal(
      published.get(gridId(g, 'Q1', 'r0', 'c0'))!.suppressed,
      'secret_secondaire',
      'the smallest quarter',
    );
    assertNoLoneSecret(lines, published);
  });

  test('tables of one population share their totals: what one withholds, the other does not print', () => {
    const a = grid(2, 2, 'a', 'pop');
    const b = grid(3, 2, 'b', 'pop');
    const raw = new Map<string, number>();
    // Same population (column totals 60 and 8): the second column's total is small in both tables.
    gridCounts(a, 'p', (r, c) => ({ r0c0: 20, r0c1: 5, r1c0: 40, r1c1: 3 })[r + c]!, raw);
    gridCounts(b, 'p', (r, c) => ({ r0c0: 30, r0c1: 8, r1c0: 15, r1c1: 0, r2c0: 15, r2c1: 0 })[r + c]!, raw);
    const lines = uniqueLines([...gridLines(a, 'p'), ...gridLines(b, 'p')]);
    const published = protect(raw, lines);
    assert.equal(gridId(a, 'p', 'total', 'c1'), gridId(b, 'p', 'total', 'c1'));
    assert.equal(published.get(gridId(a, 'p', 'total', 'c1'))!.suppressed, 'moins_de_11');
    assertNoLoneSecret(lines, published);
  });

  test('tables that disagree on a shared total are a bug, not a publication', () => {
    const raw = gridCounts(grid(1, 1, 'a', 'pop'), 'p', () => 20);
    assert.throws(() => gridCounts(grid(1, 1, 'b', 'pop'), 'p', () => 21, raw), /disagree/);
  });

  test('on 300 random tables with their quarters: no lone secret, nothing below 11, same answer twice', () => {
    const next = random(11);
    for (let n = 0; n < 300; n++) {
      const g = grid(1 + Math.floor(next() * 6), 1 + Math.floor(next() * 4));
      const quarters = ['Q1', 'Q2', 'Q3', 'Q4'];
      const cells = new Map<string, number>();
      const value = () =>
        next() < 0.25 ? 0 : next() < 0.5 ? 1 + Math.floor(next() * 10) : Math.floor(next() * 60);
      for (const q of quarters)
        for (const r of g.rows) for (const c of g.columns) cells.set(`${q}${r}${c}`, value());
      const raw = new Map<string, number>();
      for (const q of quarters) gridCounts(g, q, (r, c) => cells.get(`${q}${r}${c}`)!, raw);
      gridCounts(g, 'Y', (r, c) => quarters.reduce((s, q) => s + cells.get(`${q}${r}${c}`)!, 0), raw);
      const lines = uniqueLines([
        ...['Y', ...quarters].flatMap((p) => gridLines(g, p)),
        ...periodLines(g, 'Y', quarters),
      ]);
      const published = protect(raw, lines);
      assertNoLoneSecret(lines, published);
      assertNothingBelowK(published, raw);
      assert.deepEqual(protect(raw, lines), published);
    }
  });
});
