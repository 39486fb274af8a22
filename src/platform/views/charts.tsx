/**
 * Server-rendered SVG charts (no script, shades as classes). Each chart is an image with a title; the table
 * next to it, rendered by the page, carries the same figures and stays the reference for screen readers.
 */

export interface BarSeries {
  /** CSS class of the bars (relais-bar--1 … relais-bar--4). */
  shade: 1 | 2 | 3 | 4;
  label: string;
}

export interface BarGroup {
  label: string;
  /** One value per series; null draws nothing (a withheld or unknown figure). */
  values: ReadonlyArray<number | null>;
  /** Printed at the end of each bar; defaults to the number. */
  display?: ReadonlyArray<string>;
}

const ROW = 22;
const GAP = 12;
/** Each group's label sits above its bars, so that the chart reads on a phone (the SVG scales to the width). */
const LABEL_ROW = 20;
const WIDTH = 400;
const BAR_AREA = WIDTH - 110;
const LEGEND_COLUMN = 130;

/** Horizontal bars, one group per label, one bar per series (planned / committed / spent, or a single count). */
export function BarChart({
  id,
  title,
  series,
  groups,
  max,
}: {
  id: string;
  title: string;
  series: readonly BarSeries[];
  groups: readonly BarGroup[];
  /** The value of a full bar (default: the largest value). */
  max?: number;
}) {
  const top = Math.max(max ?? 0, ...groups.flatMap((g) => g.values.map((v) => v ?? 0)), 1);
  const groupHeight = LABEL_ROW + series.length * ROW + GAP;
  const legendHeight = series.length > 1 ? 28 : 0;
  const height = legendHeight + groups.length * groupHeight + 4;
  return (
    <figure class="relais-chart fr-my-2w">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{title}</title>
        {series.length > 1
          ? series.map((s, i) => (
              <g key={s.label} transform={`translate(${i * LEGEND_COLUMN}, 4)`}>
                <rect class={`relais-bar--${s.shade}`} width="14" height="14" />
                <text x="20" y="12" class="relais-chart__text">
                  {s.label}
                </text>
              </g>
            ))
          : null}
        {groups.map((g, gi) => {
          const y0 = legendHeight + gi * groupHeight;
          return (
            <g key={g.label}>
              <text x={0} y={y0 + 14} class="relais-chart__text relais-chart__label">
                {g.label.length > 52 ? `${g.label.slice(0, 51)}…` : g.label}
              </text>
              {series.map((s, si) => {
                const value = g.values[si];
                if (value === null || value === undefined) return null;
                const w = Math.max(value > 0 ? 2 : 0, Math.round((value / top) * BAR_AREA));
                const y = y0 + LABEL_ROW + si * ROW;
                return (
                  <g key={s.label}>
                    <rect class={`relais-bar--${s.shade}`} x={0} y={y + 3} width={w} height={ROW - 6} />
                    <text x={w + 6} y={y + ROW / 2 + 4} class="relais-chart__text">
                      {g.display?.[si] ?? String(value)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
