import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Clock } from '../../platform/time/clock.js';
import { toParisLocalInput } from '../../platform/time/paris.js';
import type { MapIndex } from './map-index.js';
import type { PlaceFilters, Places } from './places.js';

/** A serialised GeoJSON answer and its entity tag. */
export interface MapAnswer {
  /** UTF-8 bytes, encoded once (a cached answer is written as it is). */
  body: Buffer;
  etag: string;
}

/** How long another instance's (or a direct SQL) change may take to show on the map. */
export const MAP_CACHE_SECONDS = 60;

/**
 * The map's GeoJSON answers, from the in-memory index (or the database for a text search), serialised once per
 * distinct request and kept for a minute: the map asks for the same filters and tile-aligned boxes again. The key holds
 * the Paris minute, so "open now" is never stale; a change made through Relais clears the cache at once.
 */
export function createMapCache(deps: {
  places: Pick<Places, 'geojson'>;
  index: MapIndex;
  clock: Clock;
  maxBytes?: number;
}) {
  const cache = new LRUCache<string, MapAnswer>({
    maxSize: deps.maxBytes ?? 32 * 1024 * 1024,
    sizeCalculation: (answer) => answer.body.byteLength + 64,
    ttl: MAP_CACHE_SECONDS * 1000,
  });
  /** Answers being computed, so that a burst of the same request runs one query. */
  const pending = new Map<string, Promise<MapAnswer>>();
  let generation = 0;

  function keyOf(filters: PlaceFilters): string {
    const entries = Object.entries(filters)
      .filter(([, value]) => value !== undefined && value !== '' && value !== false)
      .sort(([a], [b]) => a.localeCompare(b));
    return `${toParisLocalInput(deps.clock.now())}|${JSON.stringify(entries)}`;
  }

  return {
    /** The GeoJSON of the places matching the filters (validation errors are thrown, never cached). */
    async geojson(filters: PlaceFilters): Promise<MapAnswer> {
      const key = keyOf(filters);
      const found = cache.get(key) ?? (await pending.get(key));
      if (found) return found;
      const started = generation;
      const serialised = deps.index.answers(filters)
        ? deps.index.geojson(filters)
        : deps.places.geojson(filters).then((collection) => JSON.stringify(collection));
      const computing = serialised.then((text) => {
        const body = Buffer.from(text, 'utf8');
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
        return { body, etag };
      });
      pending.set(key, computing);
      try {
        const answer = await computing;
        // A change during the query: the answer may predate it, serve it once but do not keep it.
        if (started === generation) cache.set(key, answer);
        return answer;
      } finally {
        pending.delete(key);
      }
    },

    /** The directory changed: every cached answer is dropped. */
    clear(): void {
      generation++;
      deps.index.changed();
      cache.clear();
      pending.clear();
    },

    stats(): { entries: number; bytes: number } {
      return { entries: cache.size, bytes: cache.calculatedSize };
    },
  };
}

export type MapCache = ReturnType<typeof createMapCache>;
