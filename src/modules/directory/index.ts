import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/time/clock.js';
import { createHsds } from './hsds.js';
import { hsdsRoutes } from './routes/hsds.js';

/** The public directory of actors and services (issue 6: the HSDS read API so far). */
export function createDirectory(deps: { db: Kysely<DB>; clock: Clock }) {
  return { hsds: createHsds(deps) };
}

export type Directory = ReturnType<typeof createDirectory>;

export function directoryRoutes(directory: Directory, deps: { publicUrl: string }) {
  return [hsdsRoutes({ hsds: directory.hsds, publicUrl: deps.publicUrl })];
}
