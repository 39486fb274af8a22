import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/time/clock.js';
import type { Geo } from '../../platform/geo/index.js';
import { createDataInclusionExport } from './data-inclusion.js';
import { createHsds } from './hsds.js';
import { createMapCache } from './map-cache.js';
import { createMapIndex } from './map-index.js';
import { createPlaces } from './places.js';
import { directoryPageRoutes } from './routes/pages.js';
import { upkeepRoutes } from './routes/upkeep.js';
import { createUpkeep } from './upkeep.js';
import { createProposals } from './proposals.js';
import { banGeocoder, createImport } from './import.js';
import { createImportQueue } from './import-queue.js';
import type { Jobs } from '../../platform/jobs/index.js';
import type { Actor } from '../../platform/auth/roles.js';
import { importRoutes } from './routes/import.js';
import { hsdsRoutes } from './routes/hsds.js';

/** The public directory of actors and services (issue 6: HSDS API, the public map's list, CSV, GeoJSON, départements). */
export function createDirectory(deps: {
  db: Kysely<DB>;
  clock: Clock;
  geo: Pick<Geo, 'commune'>;
  jobs: Jobs;
  banUrl: string;
  loadActor(userId: string): Promise<Actor | null>;
}) {
  const places = createPlaces(deps);
  const mapIndex = createMapIndex({ places, clock: deps.clock });
  const mapCache = createMapCache({ places, index: mapIndex, clock: deps.clock });
  const changed = () => mapCache.clear();
  const importer = createImport({ ...deps, geocoder: banGeocoder(deps.banUrl), changed });
  return {
    hsds: createHsds(deps),
    places,
    mapIndex,
    mapCache,
    dataInclusion: createDataInclusionExport(deps),
    upkeep: createUpkeep({ ...deps, changed }),
    proposals: createProposals({ ...deps, changed }),
    import: importer,
    importQueue: createImportQueue({ ...deps, importer }),
  };
}

export type Directory = ReturnType<typeof createDirectory>;

export function directoryRoutes(
  directory: Directory,
  deps: { publicUrl: string; geo: Geo; tilesUrl: string; clock: Clock },
) {
  return [
    hsdsRoutes({ hsds: directory.hsds, publicUrl: deps.publicUrl }),
    directoryPageRoutes({ ...directory, geo: deps.geo, tilesUrl: deps.tilesUrl, clock: deps.clock }),
    upkeepRoutes(directory),
    importRoutes(directory),
  ];
}
