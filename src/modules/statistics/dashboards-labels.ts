import type { Locale, Translate } from '../../platform/i18n/index.js';
import { countryName } from '../reference/index.js';
import type { ChartRow, LabelKind, Unit } from './dashboards-model.js';

const KEY = 'statistics.dashboards';

/** A row's code in words, the same on the page, in the chart and in the CSV. */
export function rowLabel(t: Translate, locale: Locale, kind: LabelKind, row: ChartRow): string {
  const k = row.key;
  if (k === 'total') return t(`${KEY}.labels.total`);
  switch (kind) {
    case 'month': {
      const [year, month] = k.split('-').map(Number) as [number, number];
      return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(Date.UTC(year, month - 1, 1)));
    }
    case 'context':
      return t(`alerts.contexts.${k}`);
    case 'form':
      return k ? t(`exploitation.${k}`) : t(`${KEY}.labels.noForm`);
    case 'yesNo':
      return t(`${KEY}.labels.minor.${k}`);
    case 'country':
      return k ? countryName(k, locale) : t(`${KEY}.labels.unknownCountry`);
    case 'departement':
      return k ? `${k} — ${row.label ?? ''}` : t(`${KEY}.labels.unknownDepartement`);
    case 'stage':
      return t(`${KEY}.labels.stage.${k}`);
    case 'placementStatus':
      return t(`placements.statuses.${k}`);
    case 'public':
      return t(`placements.publics.${k}`);
    case 'endReason':
      return t(`placements.endReasons.${k}`);
    case 'outcome':
      return t(`cases.outcomes.${k}`);
    case 'trial':
      return t(`${KEY}.labels.trial.${k}`);
    case 'category':
      return t(`training.categories.${k}`);
  }
}

/** A figure as the page prints it: counts with thousands separators, hours and shares with one decimal. */
export function formatValue(t: Translate, locale: Locale, unit: Unit, value: number | null): string {
  if (value === null) return '—';
  const text = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    maximumFractionDigits: unit === 'count' ? 0 : 1,
  }).format(value);
  return unit === 'count' ? text : t(`${KEY}.units.${unit}`, { value: text });
}
