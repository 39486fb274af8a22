/** The newsletter's fixed lists: who reads it, in which languages (those of the reference leaflet). */

export const PROFESSIONS = [
  'police_gendarmerie',
  'magistrature',
  'travail_social',
  'association',
  'sante',
  'education',
  'inspection_travail',
  'personnel_aerien',
  'consulat',
  'asile_hebergement',
  'autre',
] as const;
export type Profession = (typeof PROFESSIONS)[number];

export const NEWSLETTER_LANGUAGES = [
  'fr',
  'en',
  'es',
  'pt',
  'ro',
  'bg',
  'ar',
  'zh',
  'vi',
  'ru',
  'uk',
] as const;
export type NewsletterLanguage = (typeof NEWSLETTER_LANGUAGES)[number];

export const isProfession = (value: string): value is Profession =>
  (PROFESSIONS as readonly string[]).includes(value);
export const isNewsletterLanguage = (value: string): value is NewsletterLanguage =>
  (NEWSLETTER_LANGUAGES as readonly string[]).includes(value);

/** The half-year a date belongs to, in Paris: `2026-S2`. Two letters a year, one per half-year. */
export function periodOf(date: Date): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
  })
    .format(date)
    .split('-')
    .map(Number) as [number, number];
  return `${year}-S${month <= 6 ? 1 : 2}`;
}

/** The last day of a half-year (Paris calendar date, YYYY-MM-DD). */
export function periodEnd(period: string): string {
  const [year, half] = period.split('-S');
  return half === '1' ? `${year}-06-30` : `${year}-12-31`;
}

/** A plausible e-mail address (what a form can check; the confirmation mail proves the rest). */
export const EMAIL =
  /^[^\s@<>()[\]\\,;:"]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;
