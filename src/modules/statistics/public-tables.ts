import { ALERT_CONTEXTS } from '../alerts/reference.js';
import { OUTCOMES } from '../cases/reference.js';
import { EXPLOITATION_FORMS } from '../reference/index.js';
import { CATEGORIES } from '../training/reference.js';
import { DomainError, type Params } from '../../platform/http/errors.js';

/**
 * The fixed tables Relais publishes (NRM-style): one population each, counted over a calendar year or one of its
 * quarters, nationally. Nothing else is public: no département, commune or month, no date range of one's choice.
 */
export const AGE_GROUPS = ['mineur', 'majeur', 'age_inconnu'] as const;
export const MINOR_ADULT = ['mineur', 'majeur'] as const;
export const FORM_ROWS = [...EXPLOITATION_FORMS, 'plusieurs', 'non_precisee'] as const;
export const NATIONALITY_GROUPS = [
  'france',
  'ue',
  'europe_hors_ue',
  'afrique',
  'asie',
  'ameriques_oceanie',
  'inconnue',
] as const;
export const TRIAL_ROWS = ['present', 'absent', 'non_renseigne'] as const;
export const OFFER_PUBLICS = ['mineures', 'mineurs', 'femmes', 'hommes', 'familles'] as const;
export const URGENCIES = ['immediate', 'within_48h', 'planned'] as const;
export const CERTIFICATE_KINDS = ['session', 'distance'] as const;

export type Unit = 'personnes' | 'placements' | 'professionnels';

export interface TableSpec {
  readonly id: TableId;
  /** Tables of one population share their column totals and grand total. */
  readonly population: string;
  readonly unit: Unit;
  /** The row codes; alerts by region take the regions of the reference data. */
  readonly rows: readonly string[] | 'regions';
  readonly columns: readonly string[];
}

export const TABLE_IDS = [
  'alertes-exploitation',
  'alertes-contexte',
  'alertes-region',
  'alertes-nationalite',
  'dossiers-issues',
  'presence-proces',
  'placements',
  'professionnels-formes',
] as const;
export type TableId = (typeof TABLE_IDS)[number];
export const isTableId = (value: string): value is TableId =>
  (TABLE_IDS as readonly string[]).includes(value);

export const TABLES: Record<TableId, TableSpec> = {
  'alertes-exploitation': {
    id: 'alertes-exploitation',
    population: 'alertes',
    unit: 'personnes',
    rows: FORM_ROWS,
    columns: AGE_GROUPS,
  },
  'alertes-contexte': {
    id: 'alertes-contexte',
    population: 'alertes',
    unit: 'personnes',
    rows: ALERT_CONTEXTS,
    columns: AGE_GROUPS,
  },
  'alertes-region': {
    id: 'alertes-region',
    population: 'alertes',
    unit: 'personnes',
    rows: 'regions',
    columns: AGE_GROUPS,
  },
  'alertes-nationalite': {
    id: 'alertes-nationalite',
    population: 'alertes',
    unit: 'personnes',
    rows: NATIONALITY_GROUPS,
    columns: AGE_GROUPS,
  },
  'dossiers-issues': {
    id: 'dossiers-issues',
    population: 'dossiers-clos',
    unit: 'personnes',
    rows: OUTCOMES,
    columns: MINOR_ADULT,
  },
  'presence-proces': {
    id: 'presence-proces',
    population: 'proces',
    unit: 'personnes',
    rows: TRIAL_ROWS,
    columns: MINOR_ADULT,
  },
  placements: {
    id: 'placements',
    population: 'placements',
    unit: 'placements',
    rows: OFFER_PUBLICS,
    columns: URGENCIES,
  },
  'professionnels-formes': {
    id: 'professionnels-formes',
    population: 'formations',
    unit: 'professionnels',
    rows: CATEGORIES,
    columns: CERTIFICATE_KINDS,
  },
};

/** A public period: a calendar year, or one of its quarters (T1…T4), in Paris time. */
export interface Period {
  readonly year: number;
  readonly quarter: 1 | 2 | 3 | 4 | null;
}

export const periodCode = (p: Period): string => (p.quarter ? `${p.year}-T${p.quarter}` : String(p.year));
export const QUARTERS = [1, 2, 3, 4] as const;
export const FIRST_YEAR = 2000;

export function parsePeriod(text: string): Period | undefined {
  const match = /^(\d{4})(?:-T([1-4]))?$/.exec(text.trim());
  if (!match) return undefined;
  return { year: Number(match[1]), quarter: match[2] ? (Number(match[2]) as Period['quarter']) : null };
}

/** Why a public request is refused; each says what is allowed instead (400). */
export type Refusal =
  | 'unknownTable'
  | 'tooFine'
  | 'dateRange'
  | 'unknownParameter'
  | 'invalidPeriod'
  | 'notEnded'
  | 'tooOld'
  | 'unknownFormat';

export class PublicStatisticsError extends DomainError {
  readonly status = 400;
  readonly code: string;
  constructor(
    readonly refusal: Refusal,
    params: Params = {},
  ) {
    super(`statistics.public.refusals.${refusal}`, params);
    this.code = `statistiques-${refusal.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  }
}

/** Names of breakdowns finer than the public ones, recognised to say why they are refused. */
const FINER =
  /departement|commune|ville|mois|semaine|jour|pays|aeroport|age|genre|sexe|structure|organisation/;
const DATE_PARAMETERS = new Set(['du', 'au', 'debut', 'fin', 'from', 'to', 'date', 'depuis', 'jusqua']);

/** The table a data file names, or the reason it is not published. */
export function tableOf(name: string): TableId {
  if (isTableId(name)) return name;
  if (FINER.test(name)) throw new PublicStatisticsError('tooFine', { name, tables: TABLE_IDS.join(', ') });
  throw new PublicStatisticsError('unknownTable', { name, tables: TABLE_IDS.join(', ') });
}

/** Query parameters other than `periode` are refused with what they asked for. */
export function checkParameters(query: Readonly<Record<string, unknown>>): void {
  for (const name of Object.keys(query)) {
    if (name === 'periode' || name === 'lang') continue;
    if (DATE_PARAMETERS.has(name)) throw new PublicStatisticsError('dateRange', { name });
    if (FINER.test(name) || ['ventilation', 'region', 'nationalite'].includes(name))
      throw new PublicStatisticsError('tooFine', { name, tables: TABLE_IDS.join(', ') });
    throw new PublicStatisticsError('unknownParameter', { name });
  }
}

/** Groups of nationalities (ISO 3166 codes), wide enough to be published; anything else reads "inconnue". */
const GROUPS: Record<Exclude<(typeof NATIONALITY_GROUPS)[number], 'inconnue'>, string> = {
  france: 'FR',
  ue: 'AT BE BG HR CY CZ DK EE FI DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE',
  europe_hors_ue: 'AD AL AX BA BY CH FO GB GG GI IM IS JE LI MC MD ME MK NO RS RU SJ SM TR UA VA XK',
  afrique:
    'AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR MU MW MZ NA ' +
    'NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW',
  asie:
    'AE AF AM AZ BD BH BN BT CN GE HK ID IL IN IO IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN MO MV MY NP OM PH ' +
    'PK PS QA SA SG SY TH TJ TL TM TW UZ VN YE',
  ameriques_oceanie:
    'AG AI AR AS AU AW BB BL BM BO BQ BR BS BZ CA CC CK CL CO CR CU CW CX DM DO EC FJ FK FM GD GF GL GP GS GT GU ' +
    'GY HM HN HT JM KI KN KY LC MF MH MP MQ MS MX NC NF NI NR NU NZ PA PE PF PG PM PN PR PW PY SB SR SV SX TC TK ' +
    'TO TT TV UM US UY VC VE VG VI VU WF WS',
};
const GROUP_OF = new Map(
  Object.entries(GROUPS).flatMap(([group, codes]) => codes.split(' ').map((code) => [code, group] as const)),
);

export function nationalityGroup(code: string | null): (typeof NATIONALITY_GROUPS)[number] {
  return (code && (GROUP_OF.get(code) as (typeof NATIONALITY_GROUPS)[number] | undefined)) || 'inconnue';
}
