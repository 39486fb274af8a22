import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/time/clock.js';
import { createResources } from './resources.js';
import { libraryRoutes } from './routes.js';

/** The library of tools for professionals (issue 7). */
export function createLibrary(deps: { db: Kysely<DB>; clock: Clock }) {
  return { resources: createResources(deps) };
}

export type Library = ReturnType<typeof createLibrary>;

export function libraryRouteList(library: Library) {
  return [libraryRoutes(library)];
}
