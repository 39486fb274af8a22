import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../platform/db/schema.js';
import type { Jobs } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { Clock } from '../../platform/time/clock.js';

/** What every part of the training module is built with. */
export interface TrainingDeps {
  db: Kysely<DB>;
  clock: Clock;
  jobs: Jobs;
  mailer: Pick<Mailer, 'enqueue'>;
  logger: Logger;
  publicUrl: string;
}
