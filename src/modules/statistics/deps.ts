import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/time/clock.js';

/** What every part of the statistics module is built with. */
export interface StatisticsDeps {
  db: Kysely<DB>;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
}
