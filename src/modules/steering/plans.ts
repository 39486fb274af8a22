import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole, territoryOf } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { MeasureStatus, PlanStatus } from '../../platform/db/schema-steering.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { freeSlug } from '../../platform/text/slug.js';
import type { Clock } from '../../platform/time/clock.js';
import { planProgress, rollUp } from './progress.js';

export const PLAN_STATUSES: readonly PlanStatus[] = ['draft', 'consultation', 'published', 'closed'];
export const MEASURE_STATUSES: readonly MeasureStatus[] = [
  'planned',
  'in_progress',
  'done',
  'delayed',
  'dropped',
];
/** Plans the public sees at /plan. */
export const PUBLIC_STATUSES: readonly PlanStatus[] = ['published', 'closed'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string) => UUID.test(id);
export const isDay = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  // "2026-13-01" does not parse; "2026-02-31" parses to another day.
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
};

/** Steering the plan: the national coordinator (national scope) or the national administration. */
export const maySteer = (actor: Actor | null | undefined) =>
  !!actor && territoryOf(actor, ['coordinator', 'national_admin']).national;
/** The associations of the collective review and contribute; coordinators read what they wrote. */
export const mayReview = (actor: Actor | null | undefined) => hasRole(actor, 'collective_member');
export const mayReadPlans = (actor: Actor | null | undefined) => maySteer(actor) || mayReview(actor);

export function requireSteer(actor: Actor) {
  if (!maySteer(actor)) throw new ForbiddenError();
}

export function createPlans(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;

  async function plan(id: string, actor: Actor | null) {
    if (!isUuid(id)) throw new NotFoundError();
    const row = await db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError();
    const visible =
      (PUBLIC_STATUSES as readonly string[]).includes(row.status) ||
      maySteer(actor) ||
      (mayReview(actor) && row.status === 'consultation');
    if (!visible) throw new NotFoundError();
    return row;
  }

  return {
    plan,

    async list(actor: Actor | null) {
      const statuses: PlanStatus[] = maySteer(actor)
        ? [...PLAN_STATUSES]
        : mayReview(actor)
          ? ['consultation', 'published', 'closed']
          : [...PUBLIC_STATUSES];
      return await db
        .selectFrom('plans')
        .selectAll()
        .where('status', 'in', statuses)
        .orderBy('period_start', 'desc')
        .execute();
    },

    /** The plan with its axes and the tree of measures (progress rolled up). */
    async outline(id: string, actor: Actor | null) {
      const row = await plan(id, actor);
      const axes = await db
        .selectFrom('plan_axes')
        .selectAll()
        .where('plan_id', '=', row.id)
        .orderBy('position')
        .orderBy('number')
        .execute();
      const measures = await db
        .selectFrom('plan_measures')
        .select([
          'id',
          'axis_id',
          'parent_id',
          'number',
          'title',
          'description',
          'lead',
          'partners',
          'status',
          'progress',
          'weight',
          'starts_on',
          'ends_on',
        ])
        .where('plan_id', '=', row.id)
        .orderBy('position')
        .orderBy('number')
        .execute();
      const roots = rollUp(measures);
      return {
        plan: row,
        axes: axes.map((axis) => ({ ...axis, measures: roots.filter((m) => m.axis_id === axis.id) })),
        measures,
        progress: planProgress(roots),
      };
    },

    /** A new plan, in draft: only coordinators see it until it goes to consultation. */
    async create(
      actor: Actor,
      audit: AuditContext,
      input: { title: string; periodStart: string; periodEnd: string; summary: string },
    ) {
      requireSteer(actor);
      const errors: Record<string, string> = {};
      const start = Number(input.periodStart);
      const end = Number(input.periodEnd);
      const year = (n: number) => Number.isInteger(n) && n >= 2000 && n <= 2100;
      if (!input.title.trim() || input.title.length > 300) errors.title = 'steering.errors.title';
      if (!year(start)) errors.periodStart = 'steering.errors.year';
      if (!year(end)) errors.periodEnd = 'steering.errors.year';
      if (year(start) && year(end) && end < start) errors.periodEnd = 'steering.errors.endsBefore';
      if (input.summary.length > 5000) errors.summary = 'steering.errors.long';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const slug = await freeSlug(db, 'plans', input.title, 'plan');
      return await db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('plans')
          .values({
            slug,
            title: input.title.trim(),
            period_start: start,
            period_end: end,
            summary: input.summary.trim(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(
          trx,
          audit,
          { action: 'plan.create', targetType: 'plan', targetId: id },
          clock.now(),
        );
        return id;
      });
    },

    async setStatus(actor: Actor, audit: AuditContext, id: string, status: string) {
      requireSteer(actor);
      if (!(PLAN_STATUSES as readonly string[]).includes(status))
        throw new ValidationError({ status: 'steering.errors.status' });
      const row = await plan(id, actor);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('plans')
          .set({
            status: status as PlanStatus,
            updated_at: clock.now(),
            published_at: status === 'published' && !row.published_at ? clock.now() : row.published_at,
          })
          .where('id', '=', row.id)
          .execute();
        await appendAudit(
          trx,
          audit,
          { action: 'plan.status', targetType: 'plan', targetId: row.id, details: { status } },
          clock.now(),
        );
      });
    },

    async addAxis(
      actor: Actor,
      audit: AuditContext,
      planId: string,
      input: { number: string; title: string; description: string },
    ) {
      requireSteer(actor);
      const row = await plan(planId, actor);
      const errors: Record<string, string> = {};
      if (!/^[0-9A-Za-z.-]{1,12}$/.test(input.number.trim())) errors.number = 'steering.errors.number';
      if (!input.title.trim() || input.title.length > 300) errors.title = 'steering.errors.title';
      if (input.description.length > 8000) errors.description = 'steering.errors.long';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const taken = await db
        .selectFrom('plan_axes')
        .select('id')
        .where('plan_id', '=', row.id)
        .where('number', '=', input.number.trim())
        .executeTakeFirst();
      if (taken) throw new ValidationError({ number: 'steering.errors.numberTaken' });
      return await db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('plan_axes')
          .values({
            plan_id: row.id,
            number: input.number.trim(),
            title: input.title.trim(),
            description: input.description.trim(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(
          trx,
          audit,
          { action: 'plan.axis.create', targetType: 'plan', targetId: row.id },
          clock.now(),
        );
        return id;
      });
    },
  };
}

export type Plans = ReturnType<typeof createPlans>;
