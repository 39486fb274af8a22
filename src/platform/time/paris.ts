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
