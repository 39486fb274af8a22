import type { ComponentChildren } from 'preact';
import type { Translate } from '../../../platform/i18n/index.js';
import { BarChart } from '../../../platform/views/charts.js';
import { type FieldErrors, Table } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import type { IndicatorView } from '../indicators.js';
import { MEASURE_STATUSES, type Plans } from '../plans.js';
import type { MeasureNode } from '../progress.js';
import type { Values } from './plan.js';

export type Outline = Awaited<ReturnType<Plans['outline']>>;
export type Form = { values: Values; errors: FieldErrors } | undefined;

/** The breadcrumb of a plan's sub-page (budget, indicators, synthesis). */
export const crumbs = (ctx: PageContext, outline: Outline, here: string): Array<[string, string?]> => [
  [ctx.t('nav.pilotage'), '/pilotage'],
  [outline.plan.title, `/pilotage/plans/${outline.plan.id}`],
  [here],
];

export type BudgetRow = {
  year: number;
  programme: string;
  action: string;
  level: string;
  planned: number;
  committed: number | null;
  spent: number | null;
  note: string;
  measure_number: string | null;
};

export const euros = (value: number | null, locale: 'fr' | 'en') =>
  value === null
    ? '—'
    : new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
        style: 'currency',
        currency: 'EUR',
        maximumFractionDigits: 0,
      }).format(value);

export const number = (value: number, locale: 'fr' | 'en') =>
  new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(value);

export function flatten(nodes: readonly MeasureNode[], depth = 0): Array<MeasureNode & { depth: number }> {
  return nodes.flatMap((n) => [{ ...n, depth }, ...flatten(n.children, depth + 1)]);
}

/** Measures as a nested list (sub-measures inside their parent): readable on a phone, unlike a wide table. */
export function MeasureList({
  t,
  measures,
  href,
  extra,
}: {
  t: Translate;
  measures: readonly MeasureNode[];
  href?: (m: MeasureNode) => string;
  extra?: (m: MeasureNode) => ComponentChildren;
}) {
  return (
    <ul class="relais-measures">
      {measures.map((m) => (
        <li key={m.id}>
          <p class="fr-mb-1v">
            <strong>
              {href ? (
                <a href={href(m)}>
                  {m.number} — {m.title}
                </a>
              ) : (
                `${m.number} — ${m.title}`
              )}
            </strong>
          </p>
          <p class="fr-text--sm fr-mb-1v">
            <span class="fr-badge fr-badge--sm">{t(`steering.status.${m.status}`)}</span>
            {m.lead ? ` ${t('steering.fields.lead')} : ${m.lead}` : ''}
          </p>
          <Progress value={m.effectiveProgress} label={`${t('steering.fields.progress')} ${m.number}`} />
          {extra?.(m)}
          {m.children.length > 0 ? (
            <MeasureList t={t} measures={m.children} href={href} extra={extra} />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function Progress({ value, label }: { value: number; label: string }) {
  return (
    <span class="relais-progress-wrap">
      <progress class="relais-progress" max={100} value={value} aria-label={label}>
        {value} %
      </progress>{' '}
      <span>{value} %</span>
    </span>
  );
}

/** Measures by status: bars and the same counts in a table. */
export function StatusChart({
  t,
  measures,
  id,
}: {
  t: Translate;
  measures: ReadonlyArray<{ status: string }>;
  id: string;
}) {
  const counts = MEASURE_STATUSES.map((s) => [s, measures.filter((m) => m.status === s).length] as const);
  return (
    <>
      <BarChart
        id={id}
        title={t('steering.charts.byStatus')}
        series={[{ shade: 1, label: t('steering.charts.measures') }]}
        groups={counts.map(([s, n]) => ({ label: t(`steering.status.${s}`), values: [n] }))}
      />
      <Table
        caption={t('steering.charts.byStatus')}
        headers={[t('steering.fields.status'), t('steering.charts.measures')]}
        rows={counts.map(([s, n]) => [t(`steering.status.${s}`), String(n)])}
      />
    </>
  );
}

/** Budget by programme and level: planned, committed, spent — bars and table. */
export function BudgetChart({
  t,
  locale,
  lines,
  id,
}: {
  t: Translate;
  locale: 'fr' | 'en';
  lines: readonly BudgetRow[];
  id: string;
}) {
  if (lines.length === 0) return <p>{t('steering.budget.none')}</p>;
  const sum = (values: Array<number | null>) =>
    values.some((v) => v !== null) ? values.reduce<number>((s, v) => s + (v ?? 0), 0) : null;
  const total = {
    planned: sum(lines.map((l) => l.planned)),
    committed: sum(lines.map((l) => l.committed)),
    spent: sum(lines.map((l) => l.spent)),
  };
  return (
    <>
      <BarChart
        id={id}
        title={t('steering.charts.budget')}
        series={[
          { shade: 1, label: t('steering.budget.planned') },
          { shade: 2, label: t('steering.budget.committed') },
          { shade: 3, label: t('steering.budget.spent') },
        ]}
        groups={lines.map((l) => ({
          label: `${l.programme} — ${t(`steering.levels.${l.level}`)} (${l.year})`,
          values: [l.planned, l.committed, l.spent],
          display: [euros(l.planned, locale), euros(l.committed, locale), euros(l.spent, locale)],
        }))}
      />
      <Table
        caption={t('steering.charts.budget')}
        headers={[
          t('steering.budget.year'),
          t('steering.budget.programme'),
          t('steering.budget.level'),
          t('steering.budget.planned'),
          t('steering.budget.committed'),
          t('steering.budget.spent'),
          t('steering.budget.note'),
        ]}
        rows={[
          ...lines.map((l) => [
            String(l.year),
            `${l.programme}${l.action ? `, ${l.action}` : ''}${l.measure_number ? ` (${t('steering.measure')} ${l.measure_number})` : ''}`,
            t(`steering.levels.${l.level}`),
            euros(l.planned, locale),
            euros(l.committed, locale),
            euros(l.spent, locale),
            l.note,
          ]),
          [
            t('steering.budget.total'),
            '',
            '',
            euros(total.planned, locale),
            euros(total.committed, locale),
            euros(total.spent, locale),
            '',
          ],
        ]}
      />
    </>
  );
}

export function indicatorValue(
  t: Translate,
  locale: 'fr' | 'en',
  i: Pick<IndicatorView, 'value' | 'unit' | 'suppressed'>,
) {
  if (i.suppressed === 'small') return t('steering.indicators.suppressed');
  if (i.value === null) return t('steering.indicators.notMeasured');
  return formatUnit(t, locale, i.value, i.unit);
}

export const formatUnit = (t: Translate, locale: 'fr' | 'en', value: number | null, unit: string) =>
  value === null
    ? '—'
    : unit === 'euros'
      ? euros(value, locale)
      : t(`steering.units.${unit}`, { value: number(value, locale) });

/** Indicators: value against target as bars where both are known, and the full table. */
export function IndicatorsBlock({
  t,
  locale,
  indicators,
  id,
}: {
  t: Translate;
  locale: 'fr' | 'en';
  indicators: readonly IndicatorView[];
  id: string;
}) {
  if (indicators.length === 0) return <p>{t('steering.indicators.none')}</p>;
  const charted = indicators.filter((i) => i.value !== null && i.target !== null && i.target > 0);
  return (
    <>
      {charted.length > 0 ? (
        <BarChart
          id={id}
          title={t('steering.charts.indicators')}
          series={[{ shade: 3, label: t('steering.indicators.ofTarget') }]}
          max={100}
          groups={charted.map((i) => {
            const share = Math.round(((i.value as number) / (i.target as number)) * 100);
            return { label: i.title, values: [Math.min(share, 100)], display: [`${share} %`] };
          })}
        />
      ) : null}
      {/* Three columns so that a phone shows the values; baseline and source go under the title. */}
      <Table
        caption={t('steering.indicators.title')}
        headers={[
          t('steering.indicators.indicator'),
          t('steering.indicators.actual'),
          t('steering.indicators.target'),
        ]}
        rows={indicators.map((i) => [
          <>
            <strong>{i.title}</strong>
            <br />
            <span class="fr-text--sm">
              {i.definition}
              {i.period
                ? ` (${t('steering.indicators.period', { from: i.period.from, to: i.period.to })})`
                : ''}
              <br />
              {t('steering.indicators.source')} : {t(`steering.sources.${i.source}`)}
              {i.baseline !== null
                ? ` · ${t('steering.indicators.baseline')} : ${formatUnit(t, locale, i.baseline, i.unit)}`
                : ''}
            </span>
          </>,
          indicatorValue(t, locale, i),
          formatUnit(t, locale, i.target, i.unit),
        ])}
      />
    </>
  );
}
