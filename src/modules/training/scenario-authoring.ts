import type { Kysely, Transaction } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { ScenarioPhase } from '../../platform/db/schema-training.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { TrainingDeps } from './deps.js';
import { TRAINERS } from './reference.js';
import { type GraphProblem, validateScenarioGraph } from './scenario-graph.js';
import {
  type ChoiceInput,
  loadGraph,
  parseChoice,
  parseScenario,
  parseStep,
  type ScenarioInput,
  type StepInput,
} from './scenario-input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A change refused because of the scenario's shape: publishing with dead ends, or a change that would break a
 * published scenario. Carries every problem, each naming the step to fix.
 */
export class ScenarioGraphError extends ValidationError {
  constructor(
    readonly problems: GraphProblem[],
    messageKey: 'training.scenarios.errors.cannotPublish' | 'training.scenarios.errors.wouldBreak',
  ) {
    super({ _form: messageKey });
  }
}

/**
 * Trainers write scenarios in the browser. A draft may be incomplete; publishing requires every path to reach an
 * end. A published scenario stays valid: a change that would leave a problem is refused (nothing is saved), and
 * the trainer moves it back to draft for work in several steps — so that learners never meet a dead end and
 * nothing disappears from their list without the trainer deciding it.
 */
export function createScenarioAuthoring(deps: Pick<TrainingDeps, 'db' | 'clock'>) {
  const { db, clock } = deps;

  function requireTrainer(actor: Actor) {
    if (!hasRole(actor, ...TRAINERS)) throw new ForbiddenError();
  }

  async function scenarioRow(trx: Kysely<DB>, id: string) {
    const row = UUID.test(id)
      ? await trx.selectFrom('scenarios').selectAll().where('id', '=', id).executeTakeFirst()
      : undefined;
    if (!row) throw new NotFoundError();
    return row;
  }

  async function slugTaken(trx: Kysely<DB>, slug: string, except?: string) {
    let query = trx.selectFrom('scenarios').select('id').where('slug', '=', slug);
    if (except) query = query.where('id', '!=', except);
    return !!(await query.executeTakeFirst());
  }

  /**
   * Runs a change of scenario `id` in one transaction; a published scenario must still be valid afterwards
   * (otherwise everything is rolled back), then the change is audited.
   */
  async function change<T>(
    actor: Actor,
    audit: AuditContext,
    id: string,
    action: string,
    details: Record<string, unknown>,
    apply: (trx: Transaction<DB>, scenario: Awaited<ReturnType<typeof scenarioRow>>) => Promise<T>,
  ): Promise<T> {
    requireTrainer(actor);
    return await db.transaction().execute(async (trx) => {
      const scenario = await scenarioRow(trx, id);
      const result = await apply(trx, scenario);
      const after = await scenarioRow(trx, id);
      if (after.status === 'published') {
        const graph = await loadGraph(trx, id);
        const problems = validateScenarioGraph(after.start_step, graph.steps, graph.choices);
        if (problems.length > 0)
          throw new ScenarioGraphError(problems, 'training.scenarios.errors.wouldBreak');
      }
      await trx.updateTable('scenarios').set({ updated_at: clock.now() }).where('id', '=', id).execute();
      await appendAudit(trx, audit, { action, targetType: 'scenario', targetId: id, details }, clock.now());
      return result;
    });
  }

  async function stepOf(trx: Kysely<DB>, scenarioId: string, key: string) {
    const step = await trx
      .selectFrom('scenario_steps')
      .selectAll()
      .where('scenario_id', '=', scenarioId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!step) throw new NotFoundError();
    return step;
  }

  async function choiceOf(trx: Kysely<DB>, scenarioId: string, choiceId: string) {
    const choice = UUID.test(choiceId)
      ? await trx
          .selectFrom('scenario_choices')
          .selectAll()
          .where('scenario_id', '=', scenarioId)
          .where('id', '=', choiceId)
          .executeTakeFirst()
      : undefined;
    if (!choice) throw new NotFoundError();
    return choice;
  }

  async function stepKeys(trx: Kysely<DB>, scenarioId: string) {
    const rows = await trx
      .selectFrom('scenario_steps')
      .select('key')
      .where('scenario_id', '=', scenarioId)
      .execute();
    return new Set(rows.map((r) => r.key));
  }

  return {
    /** Every scenario, drafts included, with its size, for the trainers' list. */
    async all(actor: Actor) {
      requireTrainer(actor);
      return await db
        .selectFrom('scenarios')
        .select((eb) => [
          'scenarios.id',
          'scenarios.slug',
          'scenarios.title',
          'scenarios.status',
          'scenarios.updated_at',
          eb
            .selectFrom('scenario_steps')
            .select((s) => s.fn.countAll<number>().as('n'))
            .whereRef('scenario_steps.scenario_id', '=', 'scenarios.id')
            .as('steps'),
        ])
        .orderBy('scenarios.title')
        .execute();
    },

    /** A scenario with its steps and choices in order, and what prevents publishing it. */
    async load(actor: Actor, id: string) {
      requireTrainer(actor);
      const scenario = await scenarioRow(db, id);
      const graph = await loadGraph(db, scenario.id);
      const problems = validateScenarioGraph(scenario.start_step, graph.steps, graph.choices);
      return { scenario, steps: graph.stepRows, choices: graph.choiceRows, problems };
    },

    async create(actor: Actor, audit: AuditContext, input: Omit<ScenarioInput, 'startStep'>) {
      requireTrainer(actor);
      const parsed = parseScenario({ ...input, startStep: '' }, new Set());
      if (await slugTaken(db, parsed.slug))
        throw new ValidationError({ slug: 'training.scenarios.errors.slugTaken' });
      return await db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('scenarios')
          .values({ slug: parsed.slug, title: parsed.title, summary: parsed.summary, is_synthetic: true })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(
          trx,
          audit,
          { action: 'scenario.create', targetType: 'scenario', targetId: id },
          clock.now(),
        );
        return id;
      });
    },

    async update(actor: Actor, audit: AuditContext, id: string, input: ScenarioInput) {
      await change(actor, audit, id, 'scenario.update', {}, async (trx, scenario) => {
        const parsed = parseScenario(input, await stepKeys(trx, scenario.id));
        if (await slugTaken(trx, parsed.slug, scenario.id))
          throw new ValidationError({ slug: 'training.scenarios.errors.slugTaken' });
        await trx
          .updateTable('scenarios')
          .set({
            slug: parsed.slug,
            title: parsed.title,
            summary: parsed.summary,
            start_step: parsed.startStep,
          })
          .where('id', '=', scenario.id)
          .execute();
      });
    },

    /** A new step (the first one becomes the start); its key names it in the messages and cannot change. */
    async addStep(actor: Actor, audit: AuditContext, id: string, input: StepInput) {
      return await change(
        actor,
        audit,
        id,
        'scenario.step.create',
        { key: input.key },
        async (trx, scenario) => {
          const parsed = parseStep(input, { isNew: true, hasChoices: false });
          if ((await stepKeys(trx, scenario.id)).has(parsed.key))
            throw new ValidationError({ key: 'training.scenarios.errors.keyTaken' });
          const last = await trx
            .selectFrom('scenario_steps')
            .select((eb) => eb.fn.max('position').as('position'))
            .where('scenario_id', '=', scenario.id)
            .executeTakeFirst();
          await trx
            .insertInto('scenario_steps')
            .values({
              scenario_id: scenario.id,
              key: parsed.key,
              phase: parsed.phase as ScenarioPhase,
              title: parsed.title,
              situation: parsed.situation,
              good_practice: parsed.goodPractice,
              is_end: parsed.isEnd,
              position: (last?.position ?? 0) + 1,
            })
            .execute();
          if (!scenario.start_step)
            await trx
              .updateTable('scenarios')
              .set({ start_step: parsed.key })
              .where('id', '=', scenario.id)
              .execute();
          return parsed.key;
        },
      );
    },

    async updateStep(
      actor: Actor,
      audit: AuditContext,
      id: string,
      key: string,
      input: Omit<StepInput, 'key'>,
    ) {
      await change(actor, audit, id, 'scenario.step.update', { key }, async (trx, scenario) => {
        const step = await stepOf(trx, scenario.id, key);
        const choices = await trx
          .selectFrom('scenario_choices')
          .select('id')
          .where('scenario_id', '=', scenario.id)
          .where('step_key', '=', step.key)
          .execute();
        const parsed = parseStep({ ...input, key }, { isNew: false, hasChoices: choices.length > 0 });
        await trx
          .updateTable('scenario_steps')
          .set({
            phase: parsed.phase as ScenarioPhase,
            title: parsed.title,
            situation: parsed.situation,
            good_practice: parsed.goodPractice,
            is_end: parsed.isEnd,
          })
          .where('scenario_id', '=', scenario.id)
          .where('key', '=', step.key)
          .execute();
      });
    },

    /** Deletes a step and its choices; choices of other steps that led to it then lead nowhere (shown as problems). */
    async deleteStep(actor: Actor, audit: AuditContext, id: string, key: string) {
      await change(actor, audit, id, 'scenario.step.delete', { key }, async (trx, scenario) => {
        const step = await stepOf(trx, scenario.id, key);
        await trx
          .deleteFrom('scenario_steps')
          .where('scenario_id', '=', scenario.id)
          .where('key', '=', step.key)
          .execute();
      });
    },

    async addChoice(actor: Actor, audit: AuditContext, id: string, stepKey: string, input: ChoiceInput) {
      await change(actor, audit, id, 'scenario.choice.create', { step: stepKey }, async (trx, scenario) => {
        const step = await stepOf(trx, scenario.id, stepKey);
        if (step.is_end) throw new ValidationError({ _form: 'training.scenarios.errors.endHasNoChoices' });
        const parsed = parseChoice(input, await stepKeys(trx, scenario.id));
        const last = await trx
          .selectFrom('scenario_choices')
          .select((eb) => eb.fn.max('position').as('position'))
          .where('scenario_id', '=', scenario.id)
          .where('step_key', '=', step.key)
          .executeTakeFirst();
        await trx
          .insertInto('scenario_choices')
          .values({
            scenario_id: scenario.id,
            step_key: step.key,
            ...parsed,
            position: (last?.position ?? 0) + 1,
          })
          .execute();
      });
    },

    async updateChoice(actor: Actor, audit: AuditContext, id: string, choiceId: string, input: ChoiceInput) {
      return await change(
        actor,
        audit,
        id,
        'scenario.choice.update',
        { choice: choiceId },
        async (trx, scenario) => {
          const choice = await choiceOf(trx, scenario.id, choiceId);
          const parsed = parseChoice(input, await stepKeys(trx, scenario.id));
          await trx.updateTable('scenario_choices').set(parsed).where('id', '=', choice.id).execute();
          return choice.step_key;
        },
      );
    },

    async deleteChoice(actor: Actor, audit: AuditContext, id: string, choiceId: string) {
      return await change(
        actor,
        audit,
        id,
        'scenario.choice.delete',
        { choice: choiceId },
        async (trx, scenario) => {
          const choice = await choiceOf(trx, scenario.id, choiceId);
          await trx.deleteFrom('scenario_choices').where('id', '=', choice.id).execute();
          return choice.step_key;
        },
      );
    },

    /** Publishing is refused while any problem remains, with every problem named. */
    async publish(actor: Actor, audit: AuditContext, id: string) {
      await change(actor, audit, id, 'scenario.publish', {}, async (trx, scenario) => {
        const graph = await loadGraph(trx, scenario.id);
        const problems = validateScenarioGraph(scenario.start_step, graph.steps, graph.choices);
        if (problems.length > 0)
          throw new ScenarioGraphError(problems, 'training.scenarios.errors.cannotPublish');
        await trx
          .updateTable('scenarios')
          .set({ status: 'published' })
          .where('id', '=', scenario.id)
          .execute();
      });
    },

    /** Back to draft: learners no longer see it (their runs stay, with their debriefs). */
    async unpublish(actor: Actor, audit: AuditContext, id: string) {
      await change(actor, audit, id, 'scenario.unpublish', {}, async (trx, scenario) => {
        await trx.updateTable('scenarios').set({ status: 'draft' }).where('id', '=', scenario.id).execute();
      });
    },
  };
}

export type ScenarioAuthoring = ReturnType<typeof createScenarioAuthoring>;
