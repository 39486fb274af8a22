import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { ContributionDecision, Rating } from '../../platform/db/schema-steering.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';
import { isUuid, mayReview, maySteer, type Plans } from './plans.js';

export const RATINGS: readonly Rating[] = ['keep', 'improve', 'drop'];
export const DECISIONS: readonly ContributionDecision[] = ['accepted', 'considered', 'not_retained'];

export interface SynthesisRow {
  measureId: string;
  number: string;
  title: string;
  keep: number;
  improve: number;
  drop: number;
  comments: Array<{ organisation: string; rating: Rating; comment: string }>;
}

/**
 * The joint review of a plan by the associations (keep / improve / drop, with a comment, one rating per
 * organisation and measure) and the contributions on a plan in consultation, answered by the coordinator.
 */
export function createReview(deps: { db: Kysely<DB>; clock: Clock; plans: Plans }) {
  const { db, clock, plans } = deps;

  async function measureOf(planId: string, measureId: string) {
    if (!isUuid(measureId)) throw new NotFoundError();
    const m = await db
      .selectFrom('plan_measures')
      .select(['id', 'axis_id'])
      .where('id', '=', measureId)
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    if (!m) throw new NotFoundError();
    return m;
  }

  return {
    /** An association's ratings of a plan's measures, keyed by measure. */
    async ratingsOf(actor: Actor, planId: string) {
      const rows = await db
        .selectFrom('measure_ratings as r')
        .innerJoin('plan_measures as m', 'm.id', 'r.measure_id')
        .select(['r.measure_id', 'r.rating', 'r.comment', 'r.updated_at'])
        .where('m.plan_id', '=', planId)
        .where('r.organisation_id', '=', actor.organisation.id)
        .execute();
      return new Map(rows.map((r) => [r.measure_id, r]));
    },

    async rate(
      actor: Actor,
      audit: AuditContext,
      planId: string,
      measureId: string,
      input: { rating: string; comment: string },
    ) {
      if (!mayReview(actor)) throw new ForbiddenError();
      const plan = await plans.plan(planId, actor);
      if (plan.status === 'draft') throw new NotFoundError();
      await measureOf(plan.id, measureId);
      const errors: Record<string, string> = {};
      if (!(RATINGS as readonly string[]).includes(input.rating)) errors.rating = 'steering.errors.rating';
      if (input.comment.length > 3000) errors.comment = 'steering.errors.long';
      if (input.rating !== 'keep' && !input.comment.trim()) errors.comment = 'steering.errors.commentNeeded';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const values = {
        rating: input.rating as Rating,
        comment: input.comment.trim(),
        user_id: actor.userId,
        updated_at: clock.now(),
      };
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('measure_ratings')
          .values({ measure_id: measureId, organisation_id: actor.organisation.id, ...values })
          .onConflict((oc) => oc.columns(['measure_id', 'organisation_id']).doUpdateSet(values))
          .execute();
        await appendAudit(
          trx,
          audit,
          {
            action: 'plan.rating',
            targetType: 'plan_measure',
            targetId: measureId,
            details: { rating: input.rating },
          },
          clock.now(),
        );
      });
    },

    /** Per measure: how many associations would keep, improve or drop it, and what they wrote. */
    async synthesis(actor: Actor, planId: string): Promise<{ rows: SynthesisRow[]; organisations: number }> {
      if (!maySteer(actor)) throw new ForbiddenError();
      const plan = await plans.plan(planId, actor);
      const measures = await db
        .selectFrom('plan_measures')
        .select(['id', 'number', 'title'])
        .where('plan_id', '=', plan.id)
        .orderBy('position')
        .orderBy('number')
        .execute();
      const ratings = await db
        .selectFrom('measure_ratings as r')
        .innerJoin('plan_measures as m', 'm.id', 'r.measure_id')
        .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
        .select(['r.measure_id', 'r.rating', 'r.comment', 'o.name', 'o.id as organisation_id'])
        .where('m.plan_id', '=', plan.id)
        .orderBy('o.name')
        .execute();
      const rows = measures.map((m) => {
        const mine = ratings.filter((r) => r.measure_id === m.id);
        return {
          measureId: m.id,
          number: m.number,
          title: m.title,
          keep: mine.filter((r) => r.rating === 'keep').length,
          improve: mine.filter((r) => r.rating === 'improve').length,
          drop: mine.filter((r) => r.rating === 'drop').length,
          comments: mine
            .filter((r) => r.comment)
            .map((r) => ({ organisation: r.name, rating: r.rating, comment: r.comment })),
        };
      });
      return { rows, organisations: new Set(ratings.map((r) => r.organisation_id)).size };
    },

    /**
     * Contributions: an association's own and every published one; the coordinator sees all. On a public page,
     * only those of a published plan.
     */
    async contributions(actor: Actor | null, planId: string) {
      const plan = await plans.plan(planId, actor);
      const everything = maySteer(actor) || (mayReview(actor) && plan.status === 'consultation');
      const published = plan.status === 'published' || plan.status === 'closed';
      if (!everything && !published) return [];
      return await db
        .selectFrom('plan_contributions as c')
        .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
        .leftJoin('plan_measures as m', 'm.id', 'c.measure_id')
        .leftJoin('plan_axes as a', 'a.id', 'c.axis_id')
        .select([
          'c.id',
          'c.measure_id',
          'c.axis_id',
          'c.body',
          'c.created_at',
          'c.decision',
          'c.answer',
          'c.answered_at',
          'o.name as organisation',
          'm.number as measure_number',
          'a.number as axis_number',
        ])
        .where('c.plan_id', '=', plan.id)
        .orderBy('c.created_at')
        .execute();
    },

    async contribute(
      actor: Actor,
      audit: AuditContext,
      planId: string,
      input: { measureId: string; axisId: string; body: string },
    ) {
      if (!mayReview(actor)) throw new ForbiddenError();
      const plan = await plans.plan(planId, actor);
      if (plan.status !== 'consultation') throw new ConflictError('steering.errors.notInConsultation');
      const errors: Record<string, string> = {};
      if (!input.body.trim() || input.body.length > 5000) errors.body = 'steering.errors.body';
      let measureId: string | null = null;
      let axisId: string | null = null;
      if (input.measureId) measureId = (await measureOf(plan.id, input.measureId)).id;
      else if (input.axisId && isUuid(input.axisId)) {
        const axis = await db
          .selectFrom('plan_axes')
          .select('id')
          .where('id', '=', input.axisId)
          .where('plan_id', '=', plan.id)
          .executeTakeFirst();
        axisId = axis?.id ?? null;
      }
      if (!measureId && !axisId) errors.body = errors.body ?? 'steering.errors.section';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      return await db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('plan_contributions')
          .values({
            plan_id: plan.id,
            measure_id: measureId,
            axis_id: axisId,
            organisation_id: actor.organisation.id,
            author_id: actor.userId,
            body: input.body.trim(),
            created_at: clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(
          trx,
          audit,
          { action: 'plan.contribution.create', targetType: 'plan_contribution', targetId: id },
          clock.now(),
        );
        return id;
      });
    },

    async answer(
      actor: Actor,
      audit: AuditContext,
      planId: string,
      contributionId: string,
      input: { decision: string; answer: string },
    ) {
      if (!maySteer(actor)) throw new ForbiddenError();
      const plan = await plans.plan(planId, actor);
      if (!isUuid(contributionId)) throw new NotFoundError();
      const errors: Record<string, string> = {};
      if (!(DECISIONS as readonly string[]).includes(input.decision))
        errors.decision = 'steering.errors.decision';
      if (!input.answer.trim() || input.answer.length > 5000) errors.answer = 'steering.errors.answer';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('plan_contributions')
          .set({
            decision: input.decision as ContributionDecision,
            answer: input.answer.trim(),
            answered_by: actor.userId,
            answered_at: clock.now(),
          })
          .where('id', '=', contributionId)
          .where('plan_id', '=', plan.id)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) throw new NotFoundError();
        await appendAudit(
          trx,
          audit,
          {
            action: 'plan.contribution.answer',
            targetType: 'plan_contribution',
            targetId: contributionId,
            details: { decision: input.decision },
          },
          clock.now(),
        );
      });
    },
  };
}

export type Review = ReturnType<typeof createReview>;
