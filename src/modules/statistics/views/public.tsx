import type { ComponentChildren } from 'preact';
import { BarChart } from '../../../platform/views/charts.js';
import { Notice, Select } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { cellOf, type PublishedTable, type Region } from '../public.js';
import { KEY_FIGURES, type Labels, labeller } from '../public-present.js';
import { type Period, periodCode } from '../public-tables.js';
import { TOTAL } from '../suppression.js';

/** DSFR's table frame; focusable so that keyboard users can scroll a wide table (axe: scrollable-region-focusable). */
export function TableFrame({
  label,
  variant,
  children,
}: {
  label: string;
  variant?: string;
  children: ComponentChildren;
}) {
  return (
    <div class={variant ? `fr-table ${variant}` : 'fr-table'}>
      <div class="fr-table__wrapper">
        <section class="fr-table__container" tabindex={0} aria-label={label}>
          <div class="fr-table__content">{children}</div>
        </section>
      </div>
    </div>
  );
}

/** One public table: what it counts, its chart of row totals, the table itself, its files. */
export function StatisticsTable({
  ctx,
  table,
  labels,
}: {
  ctx: PageContext;
  table: PublishedTable;
  labels: Labels;
}) {
  const { t } = ctx;
  const title = labels.title(table.id);
  const period = labels.period(table.period);
  const columns = [...table.columns, TOTAL];
  const file = (format: 'csv' | 'json') =>
    `/statistiques/donnees/${table.id}.${format}?periode=${table.period}`;
  return (
    <section aria-labelledby={`tableau-${table.id}`} class="fr-mb-6w">
      <h2 id={`tableau-${table.id}`}>{title}</h2>
      <p>{labels.description(table.id)}</p>
      <BarChart
        id={`graphique-${table.id}`}
        title={t('statistics.public.chartTitle', { title, period })}
        series={[{ shade: 1, label: t('statistics.public.total') }]}
        groups={table.rows.map((row) => {
          const cell = cellOf(table, row, TOTAL);
          return { label: labels.row(table.id, row), values: [cell.value], display: [labels.cell(cell)] };
        })}
      />
      {/* Multiline and small so that four columns fit a phone; the row labels stay in view when it scrolls. */}
      <TableFrame
        label={`${title}, ${period}`}
        variant="fr-table--sm fr-table--multiline fr-table--no-caption"
      >
        <table>
          <caption>
            {title}, {period} ({t(`statistics.public.units.${table.unit}`)})
          </caption>
          <thead>
            <tr>
              <th scope="col" class="fr-cell--fixed">
                {t(`statistics.public.tables.${table.id}.rows`)}
              </th>
              {columns.map((c) => (
                <th scope="col" key={c} class="fr-cell--right">
                  {labels.column(table.id, c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...table.rows, TOTAL].map((row) => (
              <tr key={row}>
                <th scope="row" class="fr-cell--fixed">
                  {labels.row(table.id, row)}
                </th>
                {columns.map((column) => {
                  const cell = cellOf(table, row, column);
                  return (
                    <td key={column} class="fr-cell--right">
                      {cell.suppressed ? <em>{labels.cell(cell)}</em> : labels.cell(cell)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
      <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
        {(['csv', 'json'] as const).map((format) => (
          <li key={format}>
            <a
              class="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-download-line"
              href={file(format)}
              download
              title={t('statistics.public.downloadTitle', { title, period, format: format.toUpperCase() })}
            >
              {t('statistics.public.download', { format: format.toUpperCase() })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** How to read a cell: what "moins de 11" and "masqué" mean, and the rounding. */
export function Legend({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <div class="fr-callout fr-mb-4w">
      <h2 class="fr-callout__title">{t('statistics.public.legend.title')}</h2>
      <ul class="fr-callout__text fr-text--md">
        <li>{t('statistics.public.legend.moins_de_11')}</li>
        <li>{t('statistics.public.legend.secret_secondaire')}</li>
        <li>{t('statistics.public.legend.rounding')}</li>
      </ul>
    </div>
  );
}

export function PeriodForm({
  ctx,
  periods,
  chosen,
  action,
}: {
  ctx: PageContext;
  periods: readonly Period[];
  chosen: string;
  action: string;
}) {
  const { t } = ctx;
  const labels = labeller(t, ctx.locale, []);
  return (
    <form method="get" action={action} class="fr-mb-4w">
      <Select
        name="periode"
        label={t('statistics.public.periodLabel')}
        hint={t('statistics.public.periodHint')}
        value={chosen}
        options={periods.map((p) => ({ value: periodCode(p), label: labels.period(periodCode(p)) }))}
      />
      <button class="fr-btn fr-btn--secondary" type="submit">
        {t('statistics.public.show')}
      </button>
    </form>
  );
}

/** /statistiques: the figures of one public period, or why the request cannot be answered (then 400). */
export function PublicStatisticsPage({
  ctx,
  periods,
  period,
  tables,
  regions,
  refusal,
}: {
  ctx: PageContext;
  periods: readonly Period[];
  period: Period;
  tables: readonly PublishedTable[];
  regions: readonly Region[];
  refusal?: string | undefined;
}) {
  const { t, locale } = ctx;
  const title = t('statistics.public.title');
  const labels = labeller(t, locale, regions);
  const code = periodCode(period);
  const byId = new Map(tables.map((table) => [table.id, table]));
  return (
    <Layout ctx={ctx} title={title} space="public" breadcrumb={[[title]]}>
      <h1>{title}</h1>
      <p class="fr-text--lead">{t('statistics.public.lead')}</p>
      {refusal ? (
        <Notice kind="error" title={t('statistics.public.refusedTitle')}>
          <p>{refusal}</p>
        </Notice>
      ) : null}
      <PeriodForm ctx={ctx} periods={periods} chosen={code} action="/statistiques" />
      <ul class="fr-links-group fr-mb-4w">
        <li>
          <a class="fr-link fr-icon-article-line fr-link--icon-left" href="/statistiques/methodologie">
            {t('statistics.public.methodologyLink')}
          </a>
        </li>
        <li>
          <a
            class="fr-link fr-icon-table-line fr-link--icon-left"
            href={`/statistiques/donnees?periode=${code}`}
          >
            {t('statistics.public.openDataLink')}
          </a>
        </li>
        <li>
          <a
            class="fr-link fr-icon-download-line fr-link--icon-left"
            href={`/statistiques/rapport/${period.year}.pdf`}
          >
            {t('statistics.public.reportLink', { year: period.year })}
          </a>
        </li>
      </ul>
      {tables.length > 0 ? (
        <>
          <h2>{t('statistics.public.keyFigures', { period: labels.period(code) })}</h2>
          <dl class="fr-grid-row fr-grid-row--gutters fr-mb-4w fr-pl-0">
            {KEY_FIGURES.map(([key, id, column]) => {
              const table = byId.get(id);
              return table ? (
                <div key={key} class="fr-col-6 fr-col-md-4">
                  <dt class="fr-text--sm fr-mb-1v">{t(`statistics.public.key.${key}`)}</dt>
                  <dd class="fr-h4 fr-mb-0 fr-pl-0">{labels.cell(cellOf(table, TOTAL, column))}</dd>
                </div>
              ) : null;
            })}
          </dl>
          <Legend ctx={ctx} />
          {tables.map((table) => (
            <StatisticsTable key={table.id} ctx={ctx} table={table} labels={labels} />
          ))}
        </>
      ) : null}
    </Layout>
  );
}
