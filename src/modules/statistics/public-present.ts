import { stringify } from 'csv-stringify/sync';
import type { Locale, Translate } from '../../platform/i18n/index.js';
import type { PublishedCell, PublishedTable, Region } from './public.js';
import { parsePeriod, type TableId } from './public-tables.js';
import { K_MIN, MIN_PUBLISHED, ROUNDING_BASE, TOTAL } from './suppression.js';

export const LICENCE = { id: 'etalab-2.0', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' };

/** How rows and columns read in the request's language (codes stay the same in every format). */
export function labeller(t: Translate, locale: Locale, regions: readonly Region[]) {
  const names = new Map(regions.map((r) => [r.code, r.name]));
  const number = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR');
  const own = (group: string, code: string) => t(`statistics.public.${group}.${code}`);
  const rowLabel: Record<TableId, (code: string) => string> = {
    'alertes-exploitation': (c) =>
      c === 'plusieurs' || c === 'non_precisee' ? own('rows', c) : t(`exploitation.${c}`),
    'alertes-contexte': (c) => t(`alerts.contexts.${c}`),
    'alertes-region': (c) => names.get(c) ?? c,
    'alertes-nationalite': (c) => own('nationalities', c),
    'dossiers-issues': (c) => t(`cases.outcomes.${c}`),
    'presence-proces': (c) => own('trial', c),
    placements: (c) => t(`placements.publics.${c}`),
    'professionnels-formes': (c) => t(`training.categories.${c}`),
  };
  const columnLabel = (id: TableId, c: string) =>
    id === 'placements'
      ? t(`placements.urgencies.${c}`)
      : id === 'professionnels-formes'
        ? own('kinds', c)
        : own('ages', c);
  const labels = {
    number: (n: number) => number.format(n),
    title: (id: TableId) => t(`statistics.public.tables.${id}.title`),
    description: (id: TableId) => t(`statistics.public.tables.${id}.description`),
    row: (id: TableId, code: string) => (code === TOTAL ? t('statistics.public.total') : rowLabel[id](code)),
    column: (id: TableId, code: string) =>
      code === TOTAL ? t('statistics.public.total') : columnLabel(id, code),
    period: (code: string) => {
      const p = parsePeriod(code);
      return p?.quarter ? t('statistics.public.quarter', { year: p.year, quarter: p.quarter }) : code;
    },
    /** What a cell shows: the rounded count, or why it is withheld. */
    cell: (cell: PublishedCell) =>
      cell.suppressed ? t(`statistics.public.suppressed.${cell.suppressed}`) : number.format(cell.value!),
  };
  return labels;
}
export type Labels = ReturnType<typeof labeller>;

/** The open data document of one table (JSON): codes, labels, every cell with its secrecy reason. */
export function tableJson(table: PublishedTable, labels: Labels, publicUrl: string) {
  return {
    tableau: table.id,
    titre: labels.title(table.id),
    description: labels.description(table.id),
    periode: table.period,
    periode_libelle: labels.period(table.period),
    unite: table.unit,
    champ: 'France entière',
    producteur: 'Relais — MIPROF',
    licence: LICENCE.id,
    licence_url: LICENCE.url,
    methodologie: `${publicUrl}/statistiques/methodologie`,
    secret_statistique: { seuil: K_MIN, base_arrondi: ROUNDING_BASE, minimum_publie: MIN_PUBLISHED },
    lignes: table.rows.map((code) => ({ code, libelle: labels.row(table.id, code) })),
    colonnes: table.columns.map((code) => ({ code, libelle: labels.column(table.id, code) })),
    cellules: table.cells.map((c) => ({
      ligne: c.row,
      colonne: c.column,
      valeur: c.value,
      secret: c.suppressed,
    })),
  };
}

export const CSV_COLUMNS = [
  'periode',
  'tableau',
  'ligne',
  'libelle_ligne',
  'colonne',
  'libelle_colonne',
  'valeur',
  'secret',
] as const;

/** The same cells as CSV, one per line, in UTF-8 with a BOM (spreadsheets then read the accents). */
export function tableCsv(table: PublishedTable, labels: Labels): string {
  return `\uFEFF${stringify(
    table.cells.map((c) => [
      table.period,
      table.id,
      c.row,
      labels.row(table.id, c.row),
      c.column,
      labels.column(table.id, c.column),
      c.value ?? '',
      c.suppressed ?? '',
    ]),
    { header: true, columns: [...CSV_COLUMNS] },
  )}`;
}

/** The key figures of a release: a table's grand total, or one of its column totals. */
export const KEY_FIGURES = [
  ['alertes', 'alertes-exploitation', TOTAL],
  ['mineurs', 'alertes-exploitation', 'mineur'],
  ['dossiers', 'dossiers-issues', TOTAL],
  ['proces', 'presence-proces', TOTAL],
  ['placements', 'placements', TOTAL],
  ['formations', 'professionnels-formes', TOTAL],
] as const satisfies ReadonlyArray<readonly [string, TableId, string]>;
