import { formatParis } from '../../../platform/time/paris.js';

const longDay = (d: Date, locale: 'fr' | 'en') =>
  new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Paris',
  }).format(d);
const timeOf = (d: Date, locale: 'fr' | 'en') =>
  new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(d);

/** "5 juillet 2018" for a day without hours, "14 septembre 2018, 10:00 – 12:30" otherwise (Paris time). */
export function whenOf(m: { starts_at: Date; ends_at: Date; all_day: boolean }, locale: 'fr' | 'en') {
  if (m.all_day) {
    const last = new Date(m.ends_at.getTime() - 1);
    const first = longDay(m.starts_at, locale);
    return longDay(last, locale) === first ? first : `${first} – ${longDay(last, locale)}`;
  }
  const sameDay = longDay(m.starts_at, locale) === longDay(m.ends_at, locale);
  return sameDay
    ? `${longDay(m.starts_at, locale)}, ${timeOf(m.starts_at, locale)} – ${timeOf(m.ends_at, locale)}`
    : `${formatParis(m.starts_at, locale, 'medium')} – ${formatParis(m.ends_at, locale, 'medium')}`;
}
