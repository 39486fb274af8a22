import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../platform/db/schema.js';
import type { Jobs } from '../../platform/jobs/index.js';
import { createOutboxTransport, type Mailer, type MailTransport } from '../../platform/mail/index.js';
import type { Clock } from '../../platform/time/clock.js';
import type { Geo } from '../../platform/geo/index.js';
import { createEditions } from './editions.js';
import { newsletterBounceRoutes } from './routes/bounces.js';
import { newsletterEditorRoutes } from './routes/editor.js';
import { newsletterPublicRoutes } from './routes/public.js';
import { createReminders } from './reminders.js';
import { defineNewsletterJobs } from './jobs.js';
import { createBulkSmtpTransport, createSender, type SendSettings } from './sending.js';
import { createSubscriptions } from './subscriptions.js';
import { createNewsletterTokens } from './tokens.js';
import { createPlanBlock, type PublicPlans } from './plan-block.js';
import { createTrainingsBlock, type UpcomingTrainings } from './trainings-block.js';
import { createUncertainLetters } from './uncertain.js';

/** The newsletter (issue 7): subscriptions with double opt-in, editions in several languages, sending by jobs. */
export function createNewsletter(deps: {
  db: Kysely<DB>;
  clock: Clock;
  jobs: Jobs;
  mailer: Pick<Mailer, 'enqueue'>;
  logger: Logger;
  secret: string;
  smtpUrl: string | undefined;
  outboxDir: string;
  settings: SendSettings;
  departements(): Promise<ReadonlyArray<{ code: string }>>;
  /** Published resources of the library (the letters' "featured" block). */
  featuredResources(ids: readonly string[]): Promise<Array<{ id: string; title: string }>>;
  /** Public plans of the steering space (the letters' "plan progress" block). */
  plans?: PublicPlans;
  /** Sessions of the training catalogue (the letters' "upcoming trainings" block). */
  trainings?: UpcomingTrainings;
  /** Tests and benchmarks give their own. */
  transport?: MailTransport;
  /** The database is embedded (PGlite): records commit before the final dot of a message. */
  commitBeforeDot: boolean;
}) {
  const planBlock = createPlanBlock({
    ...deps,
    plans: deps.plans ?? { list: async () => [], summary: async () => null },
  });
  const trainingsBlock = createTrainingsBlock({
    ...deps,
    trainings: deps.trainings ?? { upcoming: async () => [] },
  });
  const tokens = createNewsletterTokens(deps.secret);
  const transport =
    deps.transport ??
    (deps.smtpUrl
      ? createBulkSmtpTransport(deps.smtpUrl, deps.settings.from)
      : createOutboxTransport(deps.outboxDir, deps.settings.from));
  const subscriptions = createSubscriptions({ ...deps, tokens, publicUrl: deps.settings.publicUrl });
  const editions = createEditions(deps);
  const uncertain = createUncertainLetters(deps);
  const reminders = createReminders({ ...deps, publicUrl: deps.settings.publicUrl });
  const sender = createSender({
    ...deps,
    transport,
    tokens,
    bounced: (email, reason) => subscriptions.bounced(email, reason),
    planOf: (editionId) => planBlock.forEdition(editionId),
    trainingsOf: (editionId, at) => trainingsBlock.forEdition(editionId, at),
  });
  defineNewsletterJobs(deps.jobs, sender, reminders);
  return {
    tokens,
    subscriptions,
    editions,
    uncertain,
    reminders,
    sender,
    planBlock,
    trainingsBlock,
    async close() {
      await sender.stop();
      transport.close();
    },
  };
}

export type Newsletter = ReturnType<typeof createNewsletter>;

export function newsletterRoutes(
  newsletter: Newsletter,
  deps: {
    geo: Pick<Geo, 'departements'>;
    publicUrl: string;
    subscribeRatePerMinute: number;
    publishedResources(): Promise<Array<{ id: string; title: string }>>;
  },
) {
  return [
    newsletterPublicRoutes({ ...newsletter, ...deps }),
    newsletterEditorRoutes({ ...newsletter, ...deps }),
    newsletterBounceRoutes(newsletter),
  ];
}
