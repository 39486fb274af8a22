import { translator } from '../../platform/i18n/index.js';
import type { Jobs } from '../../platform/jobs/index.js';
import { formatParis } from '../../platform/time/paris.js';
import type { PlacementDeps } from './deps.js';
import type { OppClock } from './opp.js';
import type { PlacementNotice, Reservations } from './reservations.js';

/**
 * E-mails of the placements: a request to the structure's staff, its answer (or the hold's expiry) to the
 * requester, a withdrawal to the structure. Reference, offer name and link only: no profile, no address.
 */
export function createPlacementNotifications(deps: Pick<PlacementDeps, 'db' | 'mailer' | 'publicUrl'>) {
  const { db, mailer, publicUrl } = deps;

  return {
    async notify(notice: PlacementNotice): Promise<void> {
      const placement = await db
        .selectFrom('placements as p')
        .innerJoin('host_offers as o', 'o.id', 'p.offer_id')
        .select([
          'p.id',
          'p.reference',
          'p.requested_by',
          'p.hold_expires_at',
          'p.refusal_reason',
          'o.name as offer_name',
          'o.organisation_id',
        ])
        .where('p.id', '=', notice.placementId)
        .executeTakeFirst();
      if (!placement) return;
      const toStructure = notice.kind === 'requested' || notice.kind === 'cancelled';
      const recipients = toStructure
        ? await db
            .selectFrom('users')
            .select(['email', 'locale'])
            .where('organisation_id', '=', placement.organisation_id)
            .where('status', '=', 'active')
            .where((eb) =>
              eb.exists(
                eb
                  .selectFrom('grants')
                  .select('grants.id')
                  .whereRef('grants.user_id', '=', 'users.id')
                  .where('grants.role', '=', 'host_staff'),
              ),
            )
            .execute()
        : await db
            .selectFrom('users')
            .select(['email', 'locale'])
            .where('id', '=', placement.requested_by)
            .where('status', '=', 'active')
            .execute();
      if (recipients.length === 0) return;
      const link = `${publicUrl}/pro/placements/${placement.id}`;
      await db.transaction().execute(async (trx) => {
        for (const recipient of recipients) {
          const t = translator(recipient.locale);
          const params = {
            reference: placement.reference,
            offer: placement.offer_name,
            expires: formatParis(placement.hold_expires_at, recipient.locale),
            reason: placement.refusal_reason
              ? t(`placements.refusalReasons.${placement.refusal_reason}`)
              : '',
            link,
          };
          await mailer.enqueue(
            {
              to: recipient.email,
              subject: t(`placements.mails.${notice.kind}.subject`, params),
              text: t(`placements.mails.${notice.kind}.text`, params),
            },
            trx,
          );
        }
      });
    },
  };
}

export type PlacementNotifications = ReturnType<typeof createPlacementNotifications>;

export function definePlacementJobs(
  jobs: Jobs,
  work: { notifications: PlacementNotifications; reservations: Reservations; opp: OppClock },
): void {
  jobs.define<PlacementNotice>({
    name: 'placements.notify',
    options: { retryLimit: 10, retryDelay: 5, retryBackoff: true, deleteAfterSeconds: 7 * 24 * 3600 },
    concurrency: 2,
    pollingSeconds: 2,
    handler: async (job) => work.notifications.notify(job.data),
  });
  jobs.define({
    name: 'placements.sweep',
    options: { retryLimit: 3, retryDelay: 5, deleteAfterSeconds: 24 * 3600 },
    pollingSeconds: 2,
    // Jobs are also queued at each hold's expiry and each OPP milestone; the minute schedule is the backstop.
    cron: '* * * * *',
    handler: async () => {
      await work.reservations.expireHolds();
      await work.opp.sweep();
    },
  });
}
