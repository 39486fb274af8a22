import { type Kysely, type Selectable, sql } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole, territoryOf } from '../../platform/auth/roles.js';
import type { DB, OppProceduresTable } from '../../platform/db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { translator } from '../../platform/i18n/index.js';
import { DAY, HOUR, MINUTE } from '../../platform/time/clock.js';
import { dueMilestones, formatDuration, remainingMs } from '../../platform/time/milestones.js';
import { formatParis, parisClock } from '../../platform/time/paris.js';
import type { PlacementDeps } from './deps.js';
import { OPP_HOURS, OPP_MAX_BACKDATE_DAYS, OPP_MILESTONES, OPP_WITHDRAWAL_REASONS, type OppMilestone } from './reference.js';

const SYSTEM: AuditContext = { actorUserId: null, actorOrganisationId: null, requestId: 'job:opp' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Clocks of the machines that record a time may drift a little: "now" accepts this much of future. */
const SKEW = 5 * MINUTE;

type OppRow = Selectable<OppProceduresTable>;

/** What the OPP clock needs to know about duty desks (they live in the alerts module). */
export interface DeskDirectory {
  desksOf(userId: string): Promise<Array<{ id: string; name: string; is_coordination: boolean }>>;
  listDesks(): Promise<Array<{ id: string; name: string; active: boolean; departements: string[]; organisation_name: string }>>;
  membersWithShifts(executor: Kysely<DB>, deskIds: readonly string[]): Promise<Array<{ desk_id: string; user_id: string; email: string; locale: 'fr' | 'en' }>>;
}

/** What the OPP clock needs from the alerts module: whether the actor may see the alert, and if a minor is in it. */
export interface AlertLookup {
  placementContext(actor: Actor, alertId: string): Promise<{ reference: string; hasMinor: boolean }>;
}

export type OppState = 'running' | 'overdue' | 'ordered' | 'withdrawn';

export interface OppView {
  id: string;
  reference: string;
  state: OppState;
  deskId: string;
  desk: string;
  alertId: string | null;
  referredAt: string;
  deadlineAt: string;
  /** Milliseconds left before the deadline (negative once past), as of now. */
  remainingMs: number;
  orderedAt: string | null;
  orderedLate: boolean;
  court: string | null;
  offerId: string | null;
  offer: string | null;
  placementId: string | null;
  warned24hAt: string | null;
  warned4hAt: string | null;
  breachedAt: string | null;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
}

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

function parseTime(value: string | undefined, field: string, errors: Record<string, string>): Date | undefined {
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
export function createOppClock(deps: PlacementDeps & { desks: DeskDirectory; alerts: AlertLookup }) {
  const { db, clock, jobs, mailer, desks, alerts, publicUrl } = deps;

  async function deskNames(): Promise<Map<string, { name: string; departements: string[]; active: boolean }>> {
    return new Map((await desks.listDesks()).map((d) => [d.id, { name: d.name, departements: d.departements, active: d.active }]));
  }

  function canSee(actor: Actor, row: Pick<OppRow, 'desk_id'>, myDesks: ReadonlySet<string>, deskDepartements: readonly string[]): boolean {
    if (myDesks.has(row.desk_id)) return true;
    if (!hasRole(actor, 'coordinator')) return false;
    const t = territoryOf(actor, ['coordinator']);
    return t.national || deskDepartements.some((d) => t.departements.has(d));
  }

  async function present(rows: OppRow[]): Promise<OppView[]> {
    const names = await deskNames();
    const offerIds = [...new Set(rows.map((r) => r.offer_id).filter((id): id is string => !!id))];
    const offers = offerIds.length > 0 ? await db.selectFrom('host_offers').select(['id', 'name']).where('id', 'in', offerIds).execute() : [];
    const now = clock.now();
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      state: r.ordered_at ? 'ordered' : r.withdrawn_at ? 'withdrawn' : now >= r.deadline_at ? 'overdue' : 'running',
      deskId: r.desk_id,
      desk: names.get(r.desk_id)?.name ?? '',
      alertId: r.alert_id,
      referredAt: r.referred_at.toISOString(),
      deadlineAt: r.deadline_at.toISOString(),
      remainingMs: remainingMs(r.deadline_at, now),
      orderedAt: iso(r.ordered_at),
      orderedLate: !!r.ordered_at && r.ordered_at > r.deadline_at,
      court: r.court,
      offerId: r.offer_id,
      offer: offers.find((o) => o.id === r.offer_id)?.name ?? null,
      placementId: r.placement_id,
      warned24hAt: iso(r.warned_24h_at),
      warned4hAt: iso(r.warned_4h_at),
      breachedAt: iso(r.breached_at),
      withdrawnAt: iso(r.withdrawn_at),
      withdrawnReason: r.withdrawn_reason,
    }));
  }

  async function visible(actor: Actor, id: string): Promise<OppRow> {
    const row = UUID.test(id) ? await db.selectFrom('opp_procedures').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (!row) throw new NotFoundError();
    const myDesks = new Set((await desks.desksOf(actor.userId)).map((d) => d.id));
    const desk = (await deskNames()).get(row.desk_id);
    if (!canSee(actor, row, myDesks, desk?.departements ?? [])) throw new NotFoundError();
    return row;
  }

  /** Past, but not before the referral window nor in the future. */
  function checkPast(date: Date, field: string, now: Date, errors: Record<string, string>) {
    if (date.getTime() > now.getTime() + SKEW) errors[field] = 'opp.errors.future';
    else if (date.getTime() < now.getTime() - OPP_MAX_BACKDATE_DAYS * DAY) errors[field] = 'opp.errors.tooOld';
  }

  /** Queues a sweep at each milestone still ahead, so warnings go out on time without waiting for the backstop. */
  async function scheduleMilestones(trx: Kysely<DB>, referredAt: Date, now: Date) {
    for (const milestone of OPP_MILESTONES) {
      const at = referredAt.getTime() + milestone.at;
      if (at > now.getTime()) await jobs.send('placements.sweep', {}, { trx, startAfter: new Date(at + 1000) });
    }
  }

  /** Inside the sweep's transaction: desk names are read before it (PGlite has one connection). */
  async function warnDesk(trx: Kysely<DB>, row: OppRow, milestone: OppMilestone, now: Date, deskName: string) {
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
      await mailer.enqueue({ to: member.email, subject: t(`opp.mails.${milestone}.subject`, params), text: t(`opp.mails.${milestone}.text`, params) }, trx);
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
      } else if (!mine.some((d) => d.id === deskId) && !(hasRole(actor, 'coordinator') && all.some((d) => d.id === deskId && d.active))) {
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
        await appendAudit(trx, audit, { action: 'opp.referred', targetType: 'opp', targetId: row.id, details: { desk: deskId } }, now);
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
        const placement = UUID.test(placementId) ? await db.selectFrom('placements').select(['offer_id', 'status']).where('id', '=', placementId).executeTakeFirst() : undefined;
        if (!placement || !['accepted', 'started', 'ended'].includes(placement.status)) errors.placementId = 'opp.errors.placement';
        else offerId = placement.offer_id;
      } else if (offerId) {
        const offer = UUID.test(offerId) ? await db.selectFrom('host_offers').select('id').where('id', '=', offerId).executeTakeFirst() : undefined;
        if (!offer) errors.offerId = 'opp.errors.offer';
      } else {
        errors.offerId = 'opp.errors.structureRequired';
      }
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('opp_procedures').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
        if (row.ordered_at) throw new ConflictError('opp.errors.alreadyOrdered');
        if (row.withdrawn_at) throw new ConflictError('opp.errors.withdrawn');
        await trx.updateTable('opp_procedures').set({ ordered_at: orderedAt, court, offer_id: offerId ?? null, placement_id: placementId ?? null }).where('id', '=', id).execute();
        await appendAudit(trx, audit, { action: 'opp.ordered', targetType: 'opp', targetId: id, details: { late: orderedAt > row.deadline_at } }, now);
      });
      return (await present([await visible(actor, id)]))[0]!;
    },

    /** Stops a clock without an order, with the reason. */
    async withdraw(actor: Actor, audit: AuditContext, id: string, reason: string): Promise<OppView> {
      if (!hasRole(actor, 'duty_desk', 'coordinator')) throw new ForbiddenError();
      await visible(actor, id);
      if (!(OPP_WITHDRAWAL_REASONS as readonly string[]).includes(reason)) throw new ValidationError({ reason: 'opp.errors.reason' });
      await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('opp_procedures').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
        if (row.ordered_at) throw new ConflictError('opp.errors.alreadyOrdered');
        if (row.withdrawn_at) throw new ConflictError('opp.errors.withdrawn');
        const now = clock.now();
        await trx
          .updateTable('opp_procedures')
          .set({ withdrawn_at: now, withdrawn_reason: reason as OppRow['withdrawn_reason'] })
          .where('id', '=', id)
          .execute();
        await appendAudit(trx, audit, { action: 'opp.withdrawn', targetType: 'opp', targetId: id, details: { reason } }, now);
      });
      return (await present([await visible(actor, id)]))[0]!;
    },

    async get(actor: Actor, id: string): Promise<OppView> {
      return (await present([await visible(actor, id)]))[0]!;
    },

    /** The clocks of the actor's desks (and of a coordinator's territory): running ones first, nearest deadline first. */
    async list(actor: Actor, options: { all?: boolean } = {}): Promise<OppView[]> {
      const myDesks = new Set((await desks.desksOf(actor.userId)).map((d) => d.id));
      const names = await deskNames();
      const deskIds = [...names.entries()].filter(([id, d]) => canSee(actor, { desk_id: id }, myDesks, d.departements)).map(([id]) => id);
      if (deskIds.length === 0) return [];
      let query = db.selectFrom('opp_procedures').selectAll().where('desk_id', 'in', deskIds);
      if (!options.all) query = query.where((eb) => eb.or([eb('ordered_at', 'is', null).and('withdrawn_at', 'is', null), eb('referred_at', '>', new Date(clock.now().getTime() - 7 * DAY))]));
      const rows = await query.orderBy((eb) => eb.case().when(eb.and([eb('ordered_at', 'is', null), eb('withdrawn_at', 'is', null)])).then(0).else(1).end()).orderBy('deadline_at').limit(200).execute();
      return present(rows);
    },

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
          const row = await trx.selectFrom('opp_procedures').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
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
          await appendAudit(trx, SYSTEM, { action: worst === 'breached' ? 'opp.breached' : 'opp.warned', targetType: 'opp', targetId: id, details: { milestones: due } }, now);
          return due.length;
        });
      }
      return recorded;
    },
  };
}

export type OppClock = ReturnType<typeof createOppClock>;
