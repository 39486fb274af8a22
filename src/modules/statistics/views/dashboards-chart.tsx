import { BarChart } from '../../../platform/views/charts.js';
import { Table } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { formatValue, rowLabel } from '../dashboards-labels.js';
import type { Chart, ChartRow, DashboardFilter } from '../dashboards-model.js';

/** More bars than this and the chart stops being read on a phone: it shows the largest, the table gives all. */
const MAX_BARS = 15;
const K = 'statistics.dashboards';

const isMonthly = (chart: Chart) => chart.labels === 'month';

/**
 * The bars drawn: every month in order (zeros included, so the calendar reads), but not the months with nothing
 * measured (a median of no alert); otherwise the largest rows, already sorted by the query.
 */
function barsOf(chart: Chart): { rows: readonly ChartRow[]; cut: boolean } {
  const measured = chart.rows.filter((r) => chart.charted.some((i) => r.values[i] !== null));
  if (isMonthly(chart) || measured.length <= MAX_BARS) return { rows: measured, cut: false };
  return { rows: measured.slice(0, MAX_BARS), cut: true };
}

const hasFigures = (chart: Chart) => chart.rows.some((r) => r.values.some((v) => v !== null && v !== 0));

/** A link to the chart's CSV with the page's filters. */
export function csvHref(chart: Chart, filter: DashboardFilter): string {
  const query = new URLSearchParams({
    from: filter.from,
    to: filter.to,
    ...(filter.departement ? { departement: filter.departement } : {}),
    breakdown: chart.breakdown,
  });
  return `/pro/statistiques/${chart.dashboard}.csv?${query.toString()}`;
}

/**
 * One chart: a heading saying what is counted, a sentence on how, the bars (an SVG image whose title repeats the
 * heading), the table with every figure, the CSV of that table.
 */
export function ChartBlock({
  ctx,
  chart,
  filter,
}: {
  ctx: PageContext;
  chart: Chart;
  filter: DashboardFilter;
}) {
  const { t, locale } = ctx;
  const base = `${K}.charts.${chart.dashboard}.${chart.breakdown}`;
  const title = t(`${base}.title`);
  const id = `graphique-${chart.dashboard}-${chart.breakdown}`;
  const label = (row: ChartRow) => rowLabel(t, locale, chart.labels, row);
  const charted = chart.charted.map((i) => ({ index: i, series: chart.series[i]! }));
  const percentOnly = charted.every((c) => c.series.unit === 'percent');
  const bars = barsOf(chart);
  const lines = [...chart.rows, ...(chart.total ? [chart.total] : [])];
  return (
    <section class="fr-mb-6w relais-dashboard-chart" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} class="fr-h4">
        {title}
      </h2>
      <p class="fr-text--sm fr-mb-1w">{t(`${base}.help`)}</p>
      {chart.snapshot ? <p class="fr-badge fr-badge--info fr-badge--sm">{t(`${K}.page.snapshot`)}</p> : null}
      {hasFigures(chart) ? (
        <>
          <BarChart
            id={id}
            title={title}
            series={charted.map((c, i) => ({
              shade: ((i % 4) + 1) as 1 | 2 | 3 | 4,
              label: t(`${K}.series.${c.series.key}`),
            }))}
            groups={bars.rows.map((row) => ({
              label: label(row),
              values: charted.map((c) => row.values[c.index] ?? null),
              display: charted.map((c) => formatValue(t, locale, c.series.unit, row.values[c.index] ?? null)),
            }))}
            {...(percentOnly ? { max: 100 } : {})}
          />
          {bars.cut ? (
            <p class="fr-text--xs">{t(`${K}.page.cut`, { count: MAX_BARS, rows: chart.rows.length })}</p>
          ) : null}
        </>
      ) : (
        <p class="fr-text--sm">
          <em>{t(`${K}.page.empty`)}</em>
        </p>
      )}
      {/* The heading above names the chart and its table; the caption repeats it for screen readers only. */}
      <Table
        captionHidden
        caption={t(`${K}.page.tableOf`, { title })}
        headers={[t(`${K}.columns.${chart.labels}`), ...chart.series.map((s) => t(`${K}.series.${s.key}`))]}
        rows={lines.map((row) => [
          row.key === 'total' ? <strong>{label(row)}</strong> : label(row),
          ...row.values.map((v, i) => formatValue(t, locale, chart.series[i]!.unit, v)),
        ])}
      />
      <p>
        <a
          class="fr-link fr-link--sm fr-icon-download-line fr-link--icon-left"
          href={csvHref(chart, filter)}
          download
        >
          {t(`${K}.page.csv`, { title })}
        </a>
      </p>
    </section>
  );
}
