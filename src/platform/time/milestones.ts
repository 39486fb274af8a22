/**
 * Clocks with milestones (the OPP's 48 hours with warnings at 24 h and 4 h left, a reflection period's end…):
 * which milestones are due at `now` and not yet recorded. Pure, so the fake clock drives it in tests.
 */
export interface Milestone<K extends string> {
  key: K;
  /** Milliseconds after the start. */
  at: number;
}

export function dueMilestones<K extends string>(start: Date, milestones: readonly Milestone<K>[], now: Date, recorded: ReadonlySet<K>): K[] {
  return milestones.filter((m) => !recorded.has(m.key) && now.getTime() >= start.getTime() + m.at).map((m) => m.key);
}

export function remainingMs(deadline: Date, now: Date): number {
  return deadline.getTime() - now.getTime();
}

/** "3 h 05", "47 h 59" (hours up to 48, as a 48-hour clock is read), then "3 j 4 h" ("3 d 4 h" in English). */
export function formatDuration(ms: number, locale: 'fr' | 'en' = 'fr'): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const days = minutes > 2880 ? Math.floor(minutes / 1440) : 0;
  const hours = Math.floor((days > 0 ? minutes % 1440 : minutes) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days} ${locale === 'en' ? 'd' : 'j'} ${hours} h`;
  return `${hours} h ${String(rest).padStart(2, '0')}`;
}
