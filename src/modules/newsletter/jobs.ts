import type { Jobs } from '../../platform/jobs/index.js';
import { SEND_QUEUE } from './editions.js';
import { RESUME_QUEUE, type Sender } from './sending.js';

export function defineNewsletterJobs(
  jobs: Jobs,
  sender: Sender,
  reminders: { check(): Promise<unknown> },
): void {
  jobs.define<{ editionId: string }>({
    name: SEND_QUEUE,
    // A send of 100,000 messages takes minutes: the job must not expire while it runs.
    options: {
      retryLimit: 20,
      retryDelay: 30,
      expireInSeconds: 6 * 3600,
      deleteAfterSeconds: 30 * 24 * 3600,
    },
    concurrency: 1,
    pollingSeconds: 5,
    handler: async (job) => {
      await sender.send(job.data.editionId);
    },
  });
  jobs.define({
    name: RESUME_QUEUE,
    options: { retryLimit: 2, retryDelay: 30, deleteAfterSeconds: 24 * 3600 },
    pollingSeconds: 30,
    cron: '* * * * *',
    handler: async () => {
      await sender.resume();
      await reminders.check();
    },
  });
}
