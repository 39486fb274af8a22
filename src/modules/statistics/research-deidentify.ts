import { randomBytes, randomInt } from 'node:crypto';
import { parisDate } from '../../platform/time/paris.js';

/**
 * De-identification rules of the research export. Each rule has its text on the page
 * (statistics.research.rules.*) and a test; change both together.
 */

/** The smallest group a nationality may describe in one export (IOM CTDC publishes with k = 11). */
export const MIN_GROUP = 11;

/**
 * Age bands of IOM's CTDC global dataset (built on HTCDS). The double hyphen is theirs: spreadsheets do not
 * read "9--17" as a date.
 */
export const AGE_BANDS: ReadonlyArray<readonly [number, number, string]> = [
  [0, 8, '0--8'],
  [9, 17, '9--17'],
  [18, 20, '18--20'],
  [21, 23, '21--23'],
  [24, 26, '24--26'],
  [27, 29, '27--29'],
  [30, 38, '30--38'],
  [39, 47, '39--47'],
  [48, 120, '48+'],
];

/** The age band of the age recorded on the file (never the encrypted birth date); a minor of unknown age: 0--17. */
export function ageBand(age: number | null, minor: boolean): string {
  if (age === null) return minor ? '0--17' : '';
  return AGE_BANDS.find(([from, to]) => age >= from && age <= to)?.[2] ?? '';
}

/** A date reduced to its month (YYYY-MM); exact days never leave. */
export function yearMonth(value: Date | string | null | undefined): string {
  if (!value) return '';
  // A moment is cut at its Paris month, as the export's period is: 1 April 00:30 in Paris is April, not March.
  const iso = typeof value === 'string' ? value : parisDate(value);
  return /^\d{4}-\d{2}/.test(iso) ? iso.slice(0, 7) : '';
}

/** A real calendar day written YYYY-MM-DD. */
export function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** A random identifier for one row of one export: not derived from the file, so two exports cannot be joined. */
export function pseudonym(): string {
  return `R-${randomBytes(6).toString('hex')}`;
}

/** Rows in random order, so that the order does not tell when files were opened. */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// UN M49 regions. Antarctica (AQ) and any code not listed fall into "Other".
const REGIONS: Readonly<Record<string, string>> = {
  Africa:
    'DZ EG EH LY MA SD TN IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW AO CM CF TD CG CD GQ GA ' +
    'ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG',
  Americas:
    'AI AG AR AW BS BB BZ BM BO BQ BV BR CA KY CL CO CR CU CW DM DO EC SV FK GF GL GD GP GT GY HT HN JM MQ MX MS NI ' +
    'PA PY PE PR BL KN LC MF PM VC SX GS SR TT TC US UM UY VE VG VI',
  Asia:
    'AF AM AZ BH BD BT BN KH CN CY GE HK IN ID IR IQ IL JO JP KZ KW KG LA LB MO MY MV MN MM NP KP OM PK PS PH QA SA ' +
    'SG KR LK SY TW TJ TH TL TR TM AE UZ VN YE',
  Europe:
    'AX AL AD AT BY BE BA BG HR CZ DK EE FO FI FR DE GI GR GG VA HU IS IE IM IT JE XK LV LI LT LU MT MD MC ME NL MK ' +
    'NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB',
  Oceania: 'AS AU CX CC CK FJ PF GU HM KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV VU WF',
};
const REGION_OF = new Map(
  Object.entries(REGIONS).flatMap(([region, codes]) =>
    codes.split(' ').map((code) => [code, region] as const),
  ),
);

export function regionOf(country: string): string {
  return REGION_OF.get(country) ?? 'Other';
}

/**
 * Nationalities shared by fewer than MIN_GROUP people of the export become their world region; a region that
 * still gathers fewer than MIN_GROUP of them becomes "Other". Unknown stays empty.
 */
export function generaliseNationalities(nationalities: ReadonlyArray<string | null>): string[] {
  const count = (values: ReadonlyArray<string | null>) => {
    const counts = new Map<string, number>();
    for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    return counts;
  };
  const byCountry = count(nationalities);
  const step1 = nationalities.map((n) => (!n ? '' : (byCountry.get(n) ?? 0) >= MIN_GROUP ? n : regionOf(n)));
  const generalised = count(step1.filter((v, i) => v !== '' && v !== nationalities[i]));
  return step1.map((v, i) =>
    v === '' || v === nationalities[i] || (generalised.get(v) ?? 0) >= MIN_GROUP ? v : 'Other',
  );
}
