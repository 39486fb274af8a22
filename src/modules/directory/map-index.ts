import type { Clock } from '../../platform/time/clock.js';
import { toParisLocalInput } from '../../platform/time/paris.js';
import {
  checkFilters,
  MAX_PLACES,
  type MapRow,
  openAtParis,
  type PlaceFilters,
  type Places,
} from './places.js';

/** How old the index may get before it is rebuilt (changes made elsewhere: another instance, direct SQL). */
export const MAP_INDEX_SECONDS = 60;

/** Grid cell of the spatial index, in degrees (~20 km × 28 km in mainland France). */
const CELL = 0.25;

interface Entry {
  longitude: number;
  latitude: number;
  departement: string | null;
  commune: string | null;
  publics: readonly string[];
  forms: readonly string[];
  type: string;
  languages: readonly string[];
  hours: string | null;
  /** The feature's JSON up to its last property's value: `…,"openNow":`. */
  head: string;
}

interface Built {
  entries: Entry[];
  /** Cell → entry positions, ascending (the map's order). */
  cells: Map<number, number[]>;
  builtAt: number;
  generation: number;
}

const cellKey = (cx: number, cy: number) => (cx + 2000) * 10000 + (cy + 2000);

function build(rows: readonly MapRow[], builtAt: number, generation: number): Built {
  const entries: Entry[] = [];
  const cells = new Map<number, number[]>();
  for (const r of rows) {
    const feature = {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.longitude, r.latitude] },
      properties: {
        id: r.id,
        service: r.service,
        organisation: r.organisation,
        type: r.service_type,
        commune: r.commune,
        departement: r.departement_code,
        publics: r.publics,
        openNow: null,
      },
    };
    const json = JSON.stringify(feature);
    const position = entries.length;
    entries.push({
      longitude: r.longitude,
      latitude: r.latitude,
      departement: r.departement_code,
      commune: r.commune_code,
      publics: r.publics,
      forms: r.exploitation_forms,
      type: r.service_type,
      languages: r.languages,
      hours: r.opening_hours,
      head: json.slice(0, -'null}}'.length),
    });
    const key = cellKey(Math.floor(r.longitude / CELL), Math.floor(r.latitude / CELL));
    const cell = cells.get(key);
    if (cell) cell.push(position);
    else cells.set(key, [position]);
  }
  return { entries, cells, builtAt, generation };
}

/**
 * The public map's points held in memory, answering the map's GeoJSON without a query: a few tens of thousands of
 * public places, each kept as its serialised feature with what its filters need, and a grid over their
 * coordinates. The same places, order and JSON as `places.geojson` (a test compares them); text search and one
 * place by id still go to the database. Rebuilt from the database when Relais changes the directory, and at the
 * latest every minute (meanwhile the previous index answers).
 */
export function createMapIndex(deps: { places: Pick<Places, 'mapRows'>; clock: Clock }) {
  let current: Built | undefined;
  let building: Promise<Built> | undefined;
  let generation = 0;
  /** "Open now" per distinct opening-hours text, for the current Paris minute. */
  let openMinute = '';
  let openByHours = new Map<string, boolean | null>();

  function rebuild(): Promise<Built> {
    if (!building) {
      const started = generation;
      const at = deps.clock.now().getTime();
      building = deps.places
        .mapRows()
        .then((rows) => {
          const built = build(rows, at, started);
          if (started === generation) current = built;
          return built;
        })
        .finally(() => {
          building = undefined;
        });
    }
    return building;
  }

  async function ready(): Promise<Built> {
    if (current && current.generation === generation) {
      if (deps.clock.now().getTime() - current.builtAt > MAP_INDEX_SECONDS * 1000)
        void rebuild().catch(() => {});
      return current;
    }
    // First use, or changed through Relais: wait for the new index so that the change shows at once.
    let built = await rebuild();
    while (built.generation !== generation) built = await rebuild();
    return built;
  }

  function openNowOf(hours: string | null): boolean | null {
    if (!hours) return null;
    const parisNow = toParisLocalInput(deps.clock.now());
    if (parisNow !== openMinute) {
      openMinute = parisNow;
      openByHours = new Map();
    }
    let open = openByHours.get(hours);
    if (open === undefined) {
      open = openAtParis(hours, new Date(parisNow));
      openByHours.set(hours, open);
    }
    return open;
  }

  return {
    /** Whether the index answers these filters (text search and single places go to the database). */
    answers(filters: PlaceFilters): boolean {
      return !filters.q?.trim() && !filters.id;
    },

    /** The serialised GeoJSON FeatureCollection for these filters (checked as the database path checks them). */
    async geojson(filters: PlaceFilters): Promise<string> {
      const bbox = checkFilters(filters) as [number, number, number, number] | undefined;
      const index = await ready();
      let positions: Iterable<number>;
      if (bbox) {
        const [minLon, minLat, maxLon, maxLat] = bbox;
        const x0 = Math.floor(minLon / CELL);
        const x1 = Math.floor(maxLon / CELL);
        const y0 = Math.floor(minLat / CELL);
        const y1 = Math.floor(maxLat / CELL);
        if ((x1 - x0 + 1) * (y1 - y0 + 1) > index.cells.size) {
          positions = index.entries.keys();
        } else {
          const found: number[] = [];
          for (let x = x0; x <= x1; x++)
            for (let y = y0; y <= y1; y++) {
              const cell = index.cells.get(cellKey(x, y));
              if (cell) for (const p of cell) found.push(p);
            }
          positions = found.sort((a, b) => a - b);
        }
      } else {
        positions = index.entries.keys();
      }
      const parts: string[] = [];
      for (const position of positions) {
        const e = index.entries[position]!;
        if (
          bbox &&
          (e.longitude < bbox[0] || e.longitude > bbox[2] || e.latitude < bbox[1] || e.latitude > bbox[3])
        )
          continue;
        if (filters.departement && e.departement !== filters.departement) continue;
        if (filters.commune && e.commune !== filters.commune) continue;
        if (filters.public && !e.publics.includes(filters.public)) continue;
        if (filters.exploitation && !e.forms.includes(filters.exploitation)) continue;
        if (filters.type && e.type !== filters.type) continue;
        if (filters.language && !e.languages.includes(filters.language)) continue;
        const open = openNowOf(e.hours);
        if (filters.openNow && open !== true) continue;
        parts.push(`${e.head}${open}}}`);
        if (parts.length >= MAX_PLACES) break;
      }
      return `{"type":"FeatureCollection","features":[${parts.join(',')}]}`;
    },

    /** The directory changed through Relais: the next answer waits for a fresh index. */
    changed(): void {
      generation++;
    },

    stats(): { places: number; cells: number; builtAt: Date | null } {
      return {
        places: current?.entries.length ?? 0,
        cells: current?.cells.size ?? 0,
        builtAt: current ? new Date(current.builtAt) : null,
      };
    },
  };
}

export type MapIndex = ReturnType<typeof createMapIndex>;
