import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole, territoryOf } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { BudgetLevel, MeasureStatus, PlanStatus } from '../../platform/db/schema-steering.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';

export const PLAN_STATUSES: readonly PlanStatus[] = ['draft', 'consultation', 'published', 'closed'];
export const MEASURE_STATUSES: readonly MeasureStatus[] = [
  'planned',
  'in_progress',
  'done',
  'delayed',
  'dropped',
];
export const BUDGET_LEVELS: readonly BudgetLevel[] = ['central', 'decentralised', 'national', 'unspecified'];
/** Plans the public sees at /plan. */
export const PUBLIC_STATUSES: readonly PlanStatus[] = ['published', 'closed'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string) => UUID.test(id);
export const isDay = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

/** Steering the plan: the national coordinator (national scope) or the national administration. */
export const maySteer = (actor: Actor | null | undefined) =>
  !!actor && territoryOf(actor, ['coordinator', 'national_admin']).national;
/** The associations of the collective review and contribute; coordinators read what they wrote. */
export const mayReview = (actor: Actor | null | undefined) => hasRole(actor, 'collective_member');
export const mayReadPlans = (actor: Actor | null | undefined) => maySteer(actor) || mayReview(actor);

export interface MeasureRow {
  id: string;
  axis_id: string;
  parent_id: string | null;
  number: string;
  title: string;
  description: string;
  lead: string;
  partners: string[];
  status: MeasureStatus;
  progress: number | null;
  weight: number;
  starts_on: string | null;
  ends_on: string | null;
}

export interface MeasureNode extends MeasureRow {
  /** Own progress, or the weighted mean of the sub-measures (dropped ones left out), rounded. */
  effectiveProgress: number;
  children: MeasureNode[];
}

/** A measure without sub-measures and without a figure counts 100 when done, 0 otherwise. */
function ownProgress(m: MeasureRow): number {
  if (m.progress !== null) return m.progress;
  return m.status === 'done' ? 100 : 0;
}

/** Builds the tree of measures and rolls progress up from weighted sub-measures. */
export function rollUp(rows: readonly MeasureRow[]): MeasureNode[] {
  const nodes = new Map<string, MeasureNode>(
    rows.map((r) => [r.id, { ...r, effectiveProgress: 0, children: [] }]),
  );
  const roots: MeasureNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parent_id ? nodes.get(node.parent_id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const visit = (node: MeasureNode, depth: number): number => {
    if (depth > 20) throw new Error('measures nested too deep');
    const counted = node.children.filter((c) => c.status !== 'dropped');
    for (const child of node.children) visit(child, depth + 1);
    if (counted.length === 0) node.effectiveProgress = ownProgress(node);
    else {
      const weight = counted.reduce((s, c) => s + Number(c.weight), 0);
      node.effectiveProgress = Math.round(
        counted.reduce((s, c) => s + c.effectiveProgress * Number(c.weight), 0) / weight,
      );
    }
    return node.effectiveProgress;
  };
  for (const root of roots) visit(root, 0);
  return roots;
}

/** The plan's progress: weighted mean of its top-level measures that are not dropped. */
export function planProgress(roots: readonly MeasureNode[]): number | null {
  const counted = roots.filter((m) => m.status !== 'dropped');
  const weight = counted.reduce((s, m) => s + Number(m.weight), 0);
  if (weight === 0) return null;
  return Math.round(counted.reduce((s, m) => s + m.effectiveProgress * Number(m.weight), 0) / weight);
}

export interface MeasureInput {
  axisId: string;
  parentId: string;
  number: string;
  title: string;
  description: string;
  lead: string;
  partners: string;
  status: string;
  progress: string;
  weight: string;
  startsOn: string;
  endsOn: string;
}

export interface BudgetInput {
  measureId: string;
  year: string;
  programme: string;
  action: string;
  level: string;
  planned: string;
  committed: string;
  spent: string;
  note: string;
  source: string;
}

/** Euros typed by people: "510 000", "3 000 000,50", "75000". Empty → null. */
export function parseEuros(value: string): number | null | 'invalid' {
  const text = value.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (text === '') return null;
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(text)) return 'invalid';
  return Number(text);
}

export function createPlans(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;

  function requireSteer(actor: Actor) {
    if (!maySteer(actor)) throw new ForbiddenError();
  }

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

  function checkMeasure(input: MeasureInput, axes: ReadonlySet<string>) {
    const errors: Record<string, string> = {};
    if (!axes.has(input.axisId)) errors.axisId = 'steering.errors.axis';
    if (input.parentId && !isUuid(input.parentId)) errors.parentId = 'steering.errors.parent';
    if (!/^[0-9A-Za-z.-]{1,12}$/.test(input.number.trim())) errors.number = 'steering.errors.number';
    if (!input.title.trim() || input.title.length > 300) errors.title = 'steering.errors.title';
    if (input.description.length > 8000) errors.description = 'steering.errors.long';
    if (input.lead.length > 200) errors.lead = 'steering.errors.long';
    if (!(MEASURE_STATUSES as readonly string[]).includes(input.status))
      errors.status = 'steering.errors.status';
    const progress = input.progress.trim() === '' ? null : Number(input.progress);
    if (progress !== null && !(Number.isInteger(progress) && progress >= 0 && progress <= 100))
      errors.progress = 'steering.errors.progress';
    const weight = input.weight.trim() === '' ? 1 : Number(input.weight.replace(',', '.'));
    if (!(Number.isFinite(weight) && weight > 0 && weight <= 1000)) errors.weight = 'steering.errors.weight';
    if (input.startsOn && !isDay(input.startsOn)) errors.startsOn = 'steering.errors.date';
    if (input.endsOn && !isDay(input.endsOn)) errors.endsOn = 'steering.errors.date';
    if (!errors.startsOn && !errors.endsOn && input.startsOn && input.endsOn && input.endsOn < input.startsOn)
      errors.endsOn = 'steering.errors.endsBefore';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return {
      axis_id: input.axisId,
      parent_id: input.parentId || null,
      number: input.number.trim(),
      title: input.title.trim(),
      description: input.description.trim(),
      lead: input.lead.trim(),
      partners: input.partners
        .split(/[\n;]/)
        .map((p) => p.trim())
        .filter(Boolean)
        .slice(0, 30),
      status: input.status as MeasureStatus,
      progress,
      weight,
      starts_on: input.startsOn || null,
      ends_on: input.endsOn || null,
    };
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

    /** Creates (measureId null) or updates a measure; its own progress is refused when sub-measures carry it. */
    async saveMeasure(
      actor: Actor,
      audit: AuditContext,
      planId: string,
      measureId: string | null,
      input: MeasureInput,
    ) {
      requireSteer(actor);
      const row = await plan(planId, actor);
      const axes = await db.selectFrom('plan_axes').select('id').where('plan_id', '=', row.id).execute();
      const values = checkMeasure(input, new Set(axes.map((a) => a.id)));
      const all = await db
        .selectFrom('plan_measures')
        .select(['id', 'parent_id', 'number'])
        .where('plan_id', '=', row.id)
        .execute();
      if (measureId && !all.some((m) => m.id === measureId)) throw new NotFoundError();
      const errors: Record<string, string> = {};
      if (all.some((m) => m.number === values.number && m.id !== measureId))
        errors.number = 'steering.errors.numberTaken';
      if (values.parent_id) {
        const parents = new Map(all.map((m) => [m.id, m.parent_id]));
        if (!parents.has(values.parent_id)) errors.parentId = 'steering.errors.parent';
        // No cycle: the chosen parent must not be the measure itself or one of its descendants.
        for (let p: string | null | undefined = values.parent_id, i = 0; p && i < 50; p = parents.get(p), i++)
          if (p === measureId) errors.parentId = 'steering.errors.cycle';
      }
      if (measureId && values.progress !== null && all.some((m) => m.parent_id === measureId))
        errors.progress = 'steering.errors.progressRolledUp';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      return await db.transaction().execute(async (trx) => {
        let id = measureId;
        if (id) {
          await trx
            .updateTable('plan_measures')
            .set({ ...values, updated_at: clock.now() })
            .where('id', '=', id)
            .execute();
        } else {
          id = (
            await trx
              .insertInto('plan_measures')
              .values({ ...values, plan_id: row.id, position: all.length })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
        }
        await appendAudit(
          trx,
          audit,
          {
            action: measureId ? 'plan.measure.update' : 'plan.measure.create',
            targetType: 'plan_measure',
            targetId: id,
            details: { status: values.status, progress: values.progress },
          },
          clock.now(),
        );
        return id;
      });
    },

    async measure(planId: string, measureId: string, actor: Actor | null) {
      const row = await plan(planId, actor);
      if (!isUuid(measureId)) throw new NotFoundError();
      const outline = await this.outline(row.id, actor);
      const find = (nodes: readonly MeasureNode[]): MeasureNode | undefined => {
        for (const n of nodes) {
          if (n.id === measureId) return n;
          const found = find(n.children);
          if (found) return found;
        }
        return undefined;
      };
      const measure = find(outline.axes.flatMap((a) => a.measures));
      if (!measure) throw new NotFoundError();
      const [milestones, resources, budget] = await Promise.all([
        db
          .selectFrom('measure_milestones')
          .selectAll()
          .where('measure_id', '=', measureId)
          .orderBy('due_on')
          .execute(),
        db
          .selectFrom('measure_resources as mr')
          .innerJoin('library_resources as r', 'r.id', 'mr.resource_id')
          .select(['r.id', 'r.title', 'r.status'])
          .where('mr.measure_id', '=', measureId)
          .execute(),
        db
          .selectFrom('budget_lines')
          .selectAll()
          .where('measure_id', '=', measureId)
          .orderBy('year')
          .execute(),
      ]);
      return {
        plan: row,
        outline,
        measure,
        milestones,
        resources: resources.filter((r) => r.status === 'published'),
        budget,
      };
    },

    async addMilestone(
      actor: Actor,
      audit: AuditContext,
      planId: string,
      measureId: string,
      input: { title: string; dueOn: string; doneOn: string },
    ) {
      requireSteer(actor);
      await this.measure(planId, measureId, actor);
      const errors: Record<string, string> = {};
      if (!input.title.trim() || input.title.length > 300) errors.title = 'steering.errors.title';
      if (input.dueOn && !isDay(input.dueOn)) errors.dueOn = 'steering.errors.date';
      if (input.doneOn && !isDay(input.doneOn)) errors.doneOn = 'steering.errors.date';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('measure_milestones')
          .values({
            measure_id: measureId,
            title: input.title.trim(),
            due_on: input.dueOn || null,
            done_on: input.doneOn || null,
          })
          .execute();
        await appendAudit(
          trx,
          audit,
          { action: 'plan.milestone.create', targetType: 'plan_measure', targetId: measureId },
          clock.now(),
        );
      });
    },

    async linkResource(
      actor: Actor,
      audit: AuditContext,
      planId: string,
      measureId: string,
      resourceId: string,
    ) {
      requireSteer(actor);
      await this.measure(planId, measureId, actor);
      const resource = isUuid(resourceId)
        ? await db
            .selectFrom('library_resources')
            .select('id')
            .where('id', '=', resourceId)
            .where('status', '=', 'published')
            .executeTakeFirst()
        : undefined;
      if (!resource) throw new ValidationError({ resourceId: 'steering.errors.resource' });
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('measure_resources')
          .values({ measure_id: measureId, resource_id: resource.id })
          .onConflict((oc) => oc.doNothing())
          .execute();
        await appendAudit(
          trx,
          audit,
          { action: 'plan.measure.resource', targetType: 'plan_measure', targetId: measureId },
          clock.now(),
        );
      });
    },

    async budget(planId: string, actor: Actor | null) {
      const row = await plan(planId, actor);
      return await db
        .selectFrom('budget_lines as b')
        .leftJoin('plan_measures as m', 'm.id', 'b.measure_id')
        .select([
          'b.id',
          'b.year',
          'b.programme',
          'b.action',
          'b.level',
          'b.planned',
          'b.committed',
          'b.spent',
          'b.note',
          'b.source',
          'b.measure_id',
          'm.number as measure_number',
        ])
        .where('b.plan_id', '=', row.id)
        .orderBy('b.year')
        .orderBy('b.programme')
        .orderBy('b.level')
        .execute();
    },

    /** A budget line; spent above committed is refused unless a note explains it. */
    async addBudgetLine(actor: Actor, audit: AuditContext, planId: string, input: BudgetInput) {
      requireSteer(actor);
      const row = await plan(planId, actor);
      const errors: Record<string, string> = {};
      const year = Number(input.year);
      if (!(Number.isInteger(year) && year >= 2000 && year <= 2100)) errors.year = 'steering.errors.year';
      if (!input.programme.trim() || input.programme.length > 120)
        errors.programme = 'steering.errors.programme';
      if (input.action.length > 200) errors.action = 'steering.errors.long';
      if (!(BUDGET_LEVELS as readonly string[]).includes(input.level)) errors.level = 'steering.errors.level';
      const planned = parseEuros(input.planned);
      const committed = parseEuros(input.committed);
      const spent = parseEuros(input.spent);
      if (planned === null || planned === 'invalid') errors.planned = 'steering.errors.amount';
      if (committed === 'invalid') errors.committed = 'steering.errors.amount';
      if (spent === 'invalid') errors.spent = 'steering.errors.amount';
      if (
        typeof spent === 'number' &&
        typeof committed === 'number' &&
        spent > committed &&
        !input.note.trim()
      )
        errors.spent = 'steering.errors.overspent';
      if (input.note.length > 2000 || input.source.length > 500) errors.note = 'steering.errors.long';
      let measureId: string | null = null;
      if (input.measureId) {
        const m = isUuid(input.measureId)
          ? await db
              .selectFrom('plan_measures')
              .select('id')
              .where('id', '=', input.measureId)
              .where('plan_id', '=', row.id)
              .executeTakeFirst()
          : undefined;
        if (!m) errors.measureId = 'steering.errors.measure';
        else measureId = m.id;
      }
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      await db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('budget_lines')
          .values({
            plan_id: row.id,
            measure_id: measureId,
            year,
            programme: input.programme.trim(),
            action: input.action.trim(),
            level: input.level as BudgetLevel,
            planned: planned as number,
            committed: committed as number | null,
            spent: spent as number | null,
            note: input.note.trim(),
            source: input.source.trim(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(
          trx,
          audit,
          { action: 'plan.budget.create', targetType: 'budget_line', targetId: id },
          clock.now(),
        );
      });
    },
  };
}

export type Plans = ReturnType<typeof createPlans>;
