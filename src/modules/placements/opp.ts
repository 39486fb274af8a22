import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { translator } from '../../platform/i18n/index.js';
import { DAY, HOUR, MINUTE } from '../../platform/time/clock.js';
import { dueMilestones, formatDuration, remainingMs } from '../../platform/time/milestones.js';
import { formatParis, parisClock } from '../../platform/time/paris.js';
import type { PlacementDeps } from './deps.js';
import {
  type AlertLookup,
  createOppReader,
  type DeskDirectory,
  type OppRow,
  type OppView,
  UUID,
} from './opp-view.js';
import {
  OPP_HOURS,
  OPP_MAX_BACKDATE_DAYS,
  OPP_MILESTONES,
  OPP_WITHDRAWAL_REASONS,
  type OppMilestone,
} from './reference.js';

const SYSTEM: AuditContext = { actorUserId: null, actorOrganisationId: null, requestId: 'job:opp' };
/** Clocks of the machines that record a time may drift a little: "now" accepts this much of future. */
const SKEW = 5 * MINUTE;

export interface ReferralInput {
  deskId?: string | undefined;
  alertId?: string | undefined;
  /** ISO date-time; now when absent. */
  referredAt?: string | undefined;
}

export interface OrderInput {
  orderedAt?: string | undefined;
  court: string;
  offerId?: string | undefined;
  placementId?: string | undefined;
}

function parseTime(
  value: string | undefined,
  field: string,
  errors: Record<string, string>,
): Date | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) errors[field] = 'opp.errors.time';
  return date;
}

/**
 * The 48-hour clock of a minor's provisional placement order: the parquet des mineurs records the referral, the
 * OPP must follow within 48 hours. The desk is warned with 24 h and 4 h left; a breach is recorded at 48 h.
 * Milestones are computed from the one clock (fake in tests) by `sweep`, queued at each milestone and run every
 * minute as a backstop.
 */
export type { AlertLookup, DeskDirectory, OppState, OppView } from './opp-view.js';

export function createOppClock(deps: PlacementDeps & { desks: DeskDirectory; alerts: AlertLookup }) {
  const { db, clock, jobs, mailer, desks, alerts, publicUrl } = deps;

  const reader = createOppReader(deps);
  const { deskNames, present, visible } = reader;

  /** Past, but not before the referral window nor in the future. */
  function checkPast(date: Date, field: string, now: Date, errors: Record<string, string>) {
    if (date.getTime() > now.getTime() + SKEW) errors[field] = 'opp.errors.future';
    else if (date.getTime() < now.getTime() - OPP_MAX_BACKDATE_DAYS * DAY)
      errors[field] = 'opp.errors.tooOld';
  }

  /** Queues a sweep at each milestone still ahead, so warnings go out on time without waiting for the backstop. */
  async function scheduleMilestones(trx: Kysely<DB>, referredAt: Date, now: Date) {
    for (const milestone of OPP_MILESTONES) {
      const at = referredAt.getTime() + milestone.at;
      if (at > now.getTime())
        await jobs.send('placements.sweep', {}, { trx, startAfter: new Date(at + 1000) });
    }
  }

  /** Inside the sweep's transaction: desk names are read before it (PGlite has one connection). */
  async function warnDesk(
    trx: Kysely<DB>,
    row: OppRow,
    milestone: OppMilestone,
    now: Date,
    deskName: string,
  ) {
    const members = await desks.membersWithShifts(trx, [row.desk_id]);
    const link = `${publicUrl}/pro/opp/${row.id}`;
    const sent = new Set<string>();
    for (const member of members) {
      if (sent.has(member.user_id)) continue;
      sent.add(member.user_id);
      const t = translator(member.locale);
      const params = {
        reference: row.reference,
        desk: deskName,
        deadline: formatParis(row.deadline_at, member.locale),
        remaining: formatDuration(remainingMs(row.deadline_at, now), member.locale),
        link,
      };
      await mailer.enqueue(
        {
          to: member.email,
          subject: t(`opp.mails.${milestone}.subject`, params),
          text: t(`opp.mails.${milestone}.text`, params),
        },
        trx,
      );
    }
  }

  return {
    /** The parquet des mineurs refers a minor: the 48-hour clock starts at the referral's time. */
    async refer(actor: Actor, audit: AuditContext, input: ReferralInput): Promise<OppView> {
      if (!hasRole(actor, 'duty_desk', 'coordinator')) throw new ForbiddenError();
      const now = clock.now();
      const errors: Record<string, string> = {};
      const referredAt = parseTime(input.referredAt, 'referredAt', errors) ?? now;
      if (!errors.referredAt) checkPast(referredAt, 'referredAt', now, errors);
      const mine = await desks.desksOf(actor.userId);
      const all = await desks.listDesks();
      let deskId = input.deskId;
      if (!deskId) {
        if (mine.length === 1) deskId = mine[0]!.id;
        else errors.deskId = 'opp.errors.deskRequired';
      } else if (
        !mine.some((d) => d.id === deskId) &&
        !(hasRole(actor, 'coordinator') && all.some((d) => d.id === deskId && d.active))
      ) {
        errors.deskId = 'opp.errors.deskNotYours';
      }
      if (input.alertId) {
        if (!UUID.test(input.alertId)) errors.alertId = 'opp.errors.alertUnknown';
        else {
          const alert = await alerts.placementContext(actor, input.alertId).catch((error) => {
            if (error instanceof NotFoundError) return undefined;
            throw error;
          });
          if (!alert) errors.alertId = 'opp.errors.alertUnknown';
          else if (!alert.hasMinor) errors.alertId = 'opp.errors.noMinor';
        }
      }
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const id = await db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ n: number }>`SELECT nextval('opp_reference_seq')::int AS n`.execute(trx);
        const row = await trx
          .insertInto('opp_procedures')
          .values({
            reference: `OPP-${parisClock(now).year}-${String(rows[0]!.n).padStart(6, '0')}`,
            desk_id: deskId!,
            alert_id: input.alertId ?? null,
            referred_at: referredAt,
            deadline_at: new Date(referredAt.getTime() + OPP_HOURS * HOUR),
            created_by: actor.userId,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(
          trx,
          audit,
          { action: 'opp.referred', targetType: 'opp', targetId: row.id, details: { desk: deskId } },
          now,
        );
        await scheduleMilestones(trx, referredAt, now);
        return row.id;
      });
      // A referral recorded late may already be past a milestone: record it now rather than at the next minute.
      await this.sweep();
      return (await present([await visible(actor, id)]))[0]!;
    },

    /** The OPP itself: when, which court, which structure (an offer or the placement that took the child). */
    async order(actor: Actor, audit: AuditContext, id: string, input: OrderInput): Promise<OppView> {
      if (!hasRole(actor, 'duty_desk', 'coordinator')) throw new ForbiddenError();
      const current = await visible(actor, id);
      const now = clock.now();
      const errors: Record<string, string> = {};
      const orderedAt = parseTime(input.orderedAt, 'orderedAt', errors) ?? now;
      if (!errors.orderedAt) {
        checkPast(orderedAt, 'orderedAt', now, errors);
        if (orderedAt < current.referred_at) errors.orderedAt = 'opp.errors.beforeReferral';
      }
      const court = input.court.trim();
      if (court.length < 2 || court.length > 200) errors.court = 'opp.errors.court';
      let offerId = input.offerId?.trim() || undefined;
      const placementId = input.placementId?.trim() || undefined;
      if (placementId) {
        const placement = UUID.test(placementId)
          ? await db
              .selectFrom('placements')
              .select(['offer_id', 'status'])
              .where('id', '=', placementId)
              .executeTakeFirst()
          : undefined;
        if (!placement || !['accepted', 'started', 'ended'].includes(placement.status))
          errors.placementId = 'opp.errors.placement';
        else offerId = placement.offer_id;
      } else if (offerId) {
        const offer = UUID.test(offerId)
          ? await db.selectFrom('host_offers').select('id').where('id', '=', offerId).executeTakeFirst()
          : undefined;
        if (!offer) errors.offerId = 'opp.errors.offer';
      } else {
        errors.offerId = 'opp.errors.structureRequired';
      }
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('opp_procedures')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (row.ordered_at) throw new ConflictError('opp.errors.alreadyOrdered');
        if (row.withdrawn_at) throw new ConflictError('opp.errors.withdrawn');
        await trx
          .updateTable('opp_procedures')
          .set({ ordered_at: orderedAt, court, offer_id: offerId ?? null, placement_id: placementId ?? null })
          .where('id', '=', id)
          .execute();
        await appendAudit(
          trx,
          audit,
          {
            action: 'opp.ordered',
            targetType: 'opp',
            targetId: id,
            details: { late: orderedAt > row.deadline_at },
          },
          now,
        );
      });
      return (await present([await visible(actor, id)]))[0]!;
    },

    /** Stops a clock without an order, with the reason. */
    async withdraw(actor: Actor, audit: AuditContext, id: string, reason: string): Promise<OppView> {
      if (!hasRole(actor, 'duty_desk', 'coordinator')) throw new ForbiddenError();
      await visible(actor, id);
      if (!(OPP_WITHDRAWAL_REASONS as readonly string[]).includes(reason))
        throw new ValidationError({ reason: 'opp.errors.reason' });
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('opp_procedures')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (row.ordered_at) throw new ConflictError('opp.errors.alreadyOrdered');
        if (row.withdrawn_at) throw new ConflictError('opp.errors.withdrawn');
        const now = clock.now();
        await trx
          .updateTable('opp_procedures')
          .set({ withdrawn_at: now, withdrawn_reason: reason as OppRow['withdrawn_reason'] })
          .where('id', '=', id)
          .execute();
        await appendAudit(
          trx,
          audit,
          { action: 'opp.withdrawn', targetType: 'opp', targetId: id, details: { reason } },
          now,
        );
      });
      return (await present([await visible(actor, id)]))[0]!;
    },

    get: reader.get,
    list: reader.list,

    /** Records the milestones due as of now and warns the desk; returns how many were recorded. */
    async sweep(): Promise<number> {
      const now = clock.now();
      const open = await db
        .selectFrom('opp_procedures')
        .select('id')
        .where('ordered_at', 'is', null)
        .where('withdrawn_at', 'is', null)
        .where('breached_at', 'is', null)
        .where('referred_at', '<=', new Date(now.getTime() - OPP_MILESTONES[0].at))
        .limit(500)
        .execute();
      let recorded = 0;
      const names = open.length > 0 ? await deskNames() : new Map();
      for (const { id } of open) {
        recorded += await db.transaction().execute(async (trx) => {
          const row = await trx
            .selectFrom('opp_procedures')
            .selectAll()
            .where('id', '=', id)
            .forUpdate()
            .executeTakeFirst();
          if (!row || row.ordered_at || row.withdrawn_at) return 0;
          const done = new Set<OppMilestone>();
          if (row.warned_24h_at) done.add('warned_24h');
          if (row.warned_4h_at) done.add('warned_4h');
          if (row.breached_at) done.add('breached');
          const due = dueMilestones(row.referred_at, OPP_MILESTONES, now, done);
          if (due.length === 0) return 0;
          await trx
            .updateTable('opp_procedures')
            .set({
              ...(due.includes('warned_24h') ? { warned_24h_at: now } : {}),
              ...(due.includes('warned_4h') ? { warned_4h_at: now } : {}),
              ...(due.includes('breached') ? { breached_at: now } : {}),
            })
            .where('id', '=', id)
            .execute();
          // One message, for the most severe milestone reached.
          const worst = due[due.length - 1]!;
          await warnDesk(trx, row, worst, now, names.get(row.desk_id)?.name ?? '');
          await appendAudit(
            trx,
            SYSTEM,
            {
              action: worst === 'breached' ? 'opp.breached' : 'opp.warned',
              targetType: 'opp',
              targetId: id,
              details: { milestones: due },
            },
            now,
          );
          return due.length;
        });
      }
      return recorded;
    },
  };
}

export type OppClock = ReturnType<typeof createOppClock>;
