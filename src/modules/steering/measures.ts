import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { MeasureStatus } from '../../platform/db/schema-steering.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';
import { isDay, isUuid, MEASURE_STATUSES, type Plans, requireSteer } from './plans.js';
import type { MeasureNode } from './progress.js';

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

/** A plan's measures: creation and edits, the detail page's data, milestones and linked library resources. */
export function createMeasures(deps: { db: Kysely<DB>; clock: Clock; plans: Plans }) {
  const { db, clock, plans } = deps;

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

  /** A measure (progress rolled up) with the plan's outline, its milestones, published resources and budget lines. */
  async function detail(planId: string, measureId: string, actor: Actor | null) {
    const row = await plans.plan(planId, actor);
    if (!isUuid(measureId)) throw new NotFoundError();
    const outline = await plans.outline(row.id, actor);
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
      db.selectFrom('budget_lines').selectAll().where('measure_id', '=', measureId).orderBy('year').execute(),
    ]);
    return {
      plan: row,
      outline,
      measure,
      milestones,
      resources: resources.filter((r) => r.status === 'published'),
      budget,
    };
  }

  return {
    detail,

    /** Creates (measureId null) or updates a measure; its own progress is refused when sub-measures carry it. */
    async save(
      actor: Actor,
      audit: AuditContext,
      planId: string,
      measureId: string | null,
      input: MeasureInput,
    ) {
      requireSteer(actor);
      const row = await plans.plan(planId, actor);
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

    async addMilestone(
      actor: Actor,
      audit: AuditContext,
      planId: string,
      measureId: string,
      input: { title: string; dueOn: string; doneOn: string },
    ) {
      requireSteer(actor);
      await detail(planId, measureId, actor);
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
      await detail(planId, measureId, actor);
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
  };
}

export type Measures = ReturnType<typeof createMeasures>;
