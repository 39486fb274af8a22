/** Deterministic pseudo-random numbers (mulberry32): the same network and the same searches on both databases. */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const chance = (p: number) => next() < p;
  const weighted = <T>(entries: ReadonlyArray<readonly [T, number]>): T => {
    let r = next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries.at(-1)![0];
  };
  const subset = <T>(values: readonly T[], min: number, max: number): T[] => {
    const n = int(min, max);
    const out = new Set<T>();
    while (out.size < n) out.add(pick(values));
    return [...out];
  };
  return { next, int, pick, chance, weighted, subset };
}
