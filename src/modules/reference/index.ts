/**
 * Reference lists shared by the modules (codes stored in the database; labels in the i18n catalogs or from the
 * runtime's Intl data). Codes are French domain words where the domain has them.
 */

export const EXPLOITATION_FORMS = [
  'sexuelle',
  'travail_force',
  'servitude_domestique',
  'delits',
  'mendicite',
  'mariage_force',
  'organes',
] as const;
export type ExploitationForm = (typeof EXPLOITATION_FORMS)[number];

export const GENDERS = ['female', 'male', 'other', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

/** ISO 3166-1 alpha-2 (with XK, Kosovo, as commonly used). Names come from Intl.DisplayNames. */
export const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO ' +
  'FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
  'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
  'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
  'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM ' +
  'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
).split(' ');
const COUNTRIES = new Set(COUNTRY_CODES);

/**
 * Languages met in the field (victims, interpreters, leaflets), ISO 639-1; the list the forms offer. Any other
 * ISO 639-1 code is accepted by the API if the runtime knows its name.
 */
export const COMMON_LANGUAGES = [
  'fr', 'en', 'es', 'pt', 'ro', 'bg', 'ar', 'zh', 'vi', 'ru', 'uk', 'tr', 'sq', 'sr', 'hr', 'bs', 'hu', 'pl', 'it',
  'de', 'nl', 'fa', 'ps', 'ur', 'hi', 'bn', 'ta', 'si', 'ne', 'tl', 'th', 'ka', 'hy', 'am', 'ti', 'so', 'sw', 'ha',
  'yo', 'ig', 'wo', 'ff', 'ln', 'ku', 'mn',
] as const;

const languageNames = new Intl.DisplayNames(['fr'], { type: 'language', fallback: 'none' });
const regionNamesFr = new Intl.DisplayNames(['fr'], { type: 'region', fallback: 'none' });
const regionNamesEn = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const languageNamesEn = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

export function isCountryCode(value: string): boolean {
  return COUNTRIES.has(value);
}

export function isLanguageCode(value: string): boolean {
  return /^[a-z]{2}$/.test(value) && languageNames.of(value) !== undefined;
}

export function countryName(code: string, locale: 'fr' | 'en' = 'fr'): string {
  return (locale === 'fr' ? regionNamesFr : regionNamesEn).of(code) ?? code;
}

export function languageName(code: string, locale: 'fr' | 'en' = 'fr'): string {
  const name = (locale === 'fr' ? languageNames : languageNamesEn).of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/** Countries sorted by their name in the given language, for select lists. */
export function countryOptions(locale: 'fr' | 'en'): Array<{ value: string; label: string }> {
  const collator = new Intl.Collator(locale);
  return COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code, locale) })).sort((a, b) => collator.compare(a.label, b.label));
}

export function languageOptions(locale: 'fr' | 'en'): Array<{ value: string; label: string }> {
  const collator = new Intl.Collator(locale);
  return COMMON_LANGUAGES.map((code) => ({ value: code, label: languageName(code, locale) })).sort((a, b) => collator.compare(a.label, b.label));
}
