import type { Locale } from '../../../platform/i18n/index.js';
import type { PageContext } from '../../../platform/views/context.js';

const tag = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

/** "jeudi 12 mars 2026, 09:00 – 17:00" (Paris time), or both days when a session spans several. */
export const when = (locale: Locale, start: Date, end: Date) =>
  new Intl.DateTimeFormat(tag(locale), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
  }).formatRange(start, end);

/** "12 mars 2026" (Paris). */
export const day = (locale: Locale, date: Date) =>
  new Intl.DateTimeFormat(tag(locale), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Paris',
  }).format(date);

export const hours = (locale: Locale, value: number | null) =>
  value === null
    ? '—'
    : `${new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 1 }).format(value)} h`;

/** Where a session takes place: the place, the online link, or both. */
export function Where({
  ctx,
  session,
}: {
  ctx: PageContext;
  session: { place: string; online_url: string | null };
}) {
  return (
    <>
      {session.place ? <span>{session.place}</span> : null}
      {session.place && session.online_url ? ' · ' : null}
      {session.online_url ? (
        <a
          href={session.online_url}
          rel="noopener"
          target="_blank"
          title={ctx.t('training.sessionsPage.onlineTitle')}
        >
          {ctx.t('training.sessionsPage.online')}
        </a>
      ) : null}
    </>
  );
}

/** "Complet", "3 places restantes sur 20": what a professional needs before registering. */
export function placesLeft(ctx: PageContext, session: { capacity: number; taken: number | null }) {
  const left = Math.max(0, session.capacity - (session.taken ?? 0));
  if (left > 0) return ctx.t('training.sessionsPage.left', { count: left, capacity: session.capacity });
  return ctx.t('training.sessionsPage.full');
}
