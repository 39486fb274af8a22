const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  year: 'numeric',
  hourCycle: 'h23',
});
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Weekday (1 = Monday … 7 = Sunday), minute of the day and year, in Paris time (summer time included). */
export function parisClock(date: Date): { weekday: number; minute: number; year: number } {
  const values = Object.fromEntries(parts.formatToParts(date).map((p) => [p.type, p.value]));
  return { weekday: WEEKDAYS[values.weekday!]!, minute: Number(values.hour) * 60 + Number(values.minute), year: Number(values.year) };
}

/** Is `date` inside a weekly window? A window with end <= start runs past midnight into the next day. */
export function inWeeklyWindow(date: Date, window: { weekdays: readonly number[]; startMinute: number; endMinute: number }): boolean {
  const { weekday, minute } = parisClock(date);
  if (window.endMinute > window.startMinute) {
    return window.weekdays.includes(weekday) && minute >= window.startMinute && minute < window.endMinute;
  }
  const yesterday = weekday === 1 ? 7 : weekday - 1;
  return (window.weekdays.includes(weekday) && minute >= window.startMinute) || (window.weekdays.includes(yesterday) && minute < window.endMinute);
}

export function formatParis(date: Date, locale: 'fr' | 'en', style: 'short' | 'medium' = 'short'): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: style, timeStyle: 'short', timeZone: 'Europe/Paris' }).format(date);
}

const wall = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2026-11-26T10:30": the Paris wall-clock time of `date`, as a datetime-local field shows it. */
export function toParisLocalInput(date: Date): string {
  const v = Object.fromEntries(wall.formatToParts(date).map((p) => [p.type, p.value]));
  return `${v.year}-${v.month}-${v.day}T${v.hour}:${v.minute}`;
}

/** The instant a datetime-local value means in Paris; undefined when it is not such a value. */
export function fromParisLocalInput(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(asUtc) || new Date(asUtc).getUTCDate() !== day) return undefined;
  // Paris is UTC+1 or UTC+2: shift by the offset seen at the guess, then once more across a DST change.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const seen = toParisLocalInput(new Date(guess));
    const seenUtc = Date.parse(`${seen}:00Z`);
    guess += asUtc - seenUtc;
  }
  return new Date(guess);
}

/** The date in Paris (YYYY-MM-DD) at that instant. */
export function parisDate(date: Date): string {
  return toParisLocalInput(date).slice(0, 10);
}

/** Whole days from one YYYY-MM-DD date to another (calendar days, whatever the time change). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A YYYY-MM-DD date moved by whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
