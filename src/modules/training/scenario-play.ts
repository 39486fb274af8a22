import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { TrainingDeps } from './deps.js';
import { PHASES } from './reference.js';
import { buildDebrief } from './scenario-debrief.js';
import { loadGraph } from './scenario-input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Learners play published scenarios: a run starts at the start step, each choice moves it on (and adds the
 * choice's time to the story's clock) until an end step, then the debrief compares the path with good practice.
 * A run is its learner's own: anyone else gets 404.
 */
export function createScenarioPlay(deps: Pick<TrainingDeps, 'db' | 'clock'>) {
  const { db, clock } = deps;

  async function publishedBySlug(slug: string) {
    const row = await db
      .selectFrom('scenarios')
      .selectAll()
      .where('slug', '=', slug)
      .where('status', '=', 'published')
      .executeTakeFirst();
    if (!row) throw new NotFoundError();
    return row;
  }

  async function runOf(trx: Kysely<DB>, actor: Actor, runId: string) {
    const run = UUID.test(runId)
      ? await trx
          .selectFrom('scenario_runs')
          .selectAll()
          .where('id', '=', runId)
          .where('user_id', '=', actor.userId)
          .executeTakeFirst()
      : undefined;
    if (!run) throw new NotFoundError();
    const scenario = await trx
      .selectFrom('scenarios')
      .select(['id', 'slug', 'title', 'summary', 'start_step', 'status', 'is_synthetic'])
      .where('id', '=', run.scenario_id)
      .executeTakeFirstOrThrow();
    return { run, scenario };
  }

  const elapsed = (path: ReadonlyArray<{ minutes: number }>) => path.reduce((sum, p) => sum + p.minutes, 0);

  return {
    /** Published scenarios, for the learners' list. */
    async published() {
      return await db
        .selectFrom('scenarios')
        .select(['id', 'slug', 'title', 'summary', 'is_synthetic'])
        .where('status', '=', 'published')
        .orderBy('title')
        .execute();
    },

    /** The learner's runs, the latest first. */
    async runs(actor: Actor, scenarioId?: string) {
      let query = db
        .selectFrom('scenario_runs')
        .innerJoin('scenarios', 'scenarios.id', 'scenario_runs.scenario_id')
        .select([
          'scenario_runs.id',
          'scenario_runs.started_at',
          'scenario_runs.finished_at',
          'scenarios.title',
          'scenarios.slug',
        ])
        .where('scenario_runs.user_id', '=', actor.userId);
      if (scenarioId) query = query.where('scenario_runs.scenario_id', '=', scenarioId);
      return await query.orderBy('scenario_runs.started_at', 'desc').limit(50).execute();
    },

    /** A published scenario's introduction: which phases it goes through, how many steps. */
    async intro(slug: string) {
      const scenario = await publishedBySlug(slug);
      const steps = await db
        .selectFrom('scenario_steps')
        .select(['phase'])
        .where('scenario_id', '=', scenario.id)
        .execute();
      const phases = PHASES.filter((p) => steps.some((s) => s.phase === p));
      return { scenario, phases };
    },

    /** A new run at the start step (a learner may play again: each run is kept with its debrief). */
    async start(actor: Actor, slug: string) {
      const scenario = await publishedBySlug(slug);
      if (!scenario.start_step) throw new NotFoundError();
      const { id } = await db
        .insertInto('scenario_runs')
        .values({
          scenario_id: scenario.id,
          user_id: actor.userId,
          current_step: scenario.start_step,
          path: '[]',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    /** Where a run stands: the current step and its choices, what the last choice led to, the story's clock. */
    async view(actor: Actor, runId: string) {
      const { run, scenario } = await runOf(db, actor, runId);
      const { stepRows, choiceRows } = await loadGraph(db, scenario.id);
      const step = stepRows.find((s) => s.key === run.current_step) ?? null;
      const last = run.path.at(-1);
      const previous = last ? (choiceRows.find((c) => c.id === last.choice) ?? null) : null;
      const phaseIndex = step ? PHASES.indexOf(step.phase) : -1;
      return {
        run,
        scenario,
        step,
        choices: choiceRows
          .filter((c) => c.step_key === run.current_step)
          .map((c) => ({ id: c.id, label: c.label })),
        previous: previous ? { label: previous.label, consequence: previous.consequence } : null,
        elapsed: elapsed(run.path),
        phaseIndex,
        answered: run.path.length,
      };
    },

    /**
     * Takes a choice at the run's current step. `step` is the step the page showed: another one means the page
     * was stale (a double submit, the back button), and the choice must be one of the current step's.
     */
    async choose(actor: Actor, runId: string, input: { step: string; choice: string }) {
      return await db.transaction().execute(async (trx) => {
        const { run, scenario } = await runOf(trx, actor, runId);
        if (run.finished_at) throw new ConflictError('training.scenarios.errors.finished');
        if (input.step !== run.current_step) throw new ConflictError('training.scenarios.errors.stale');
        if (!input.choice) throw new ValidationError({ choice: 'training.scenarios.errors.chooseOne' });
        const choice = UUID.test(input.choice)
          ? await trx
              .selectFrom('scenario_choices')
              .selectAll()
              .where('id', '=', input.choice)
              .where('scenario_id', '=', scenario.id)
              .executeTakeFirst()
          : undefined;
        if (!choice || choice.step_key !== run.current_step)
          throw new ConflictError('training.scenarios.errors.notOffered');
        const next = await trx
          .selectFrom('scenario_steps')
          .select(['key', 'is_end'])
          .where('scenario_id', '=', scenario.id)
          .where('key', '=', choice.next_step)
          .executeTakeFirst();
        if (!next) throw new ConflictError('training.scenarios.errors.changed');
        const path = [...run.path, { step: run.current_step, choice: choice.id, minutes: choice.minutes }];
        // Only from the step the learner saw: of two submits racing, the second finds the step moved on.
        const moved = await trx
          .updateTable('scenario_runs')
          .set({
            current_step: next.key,
            path: JSON.stringify(path),
            finished_at: next.is_end ? clock.now() : null,
          })
          .where('id', '=', run.id)
          .where('current_step', '=', run.current_step)
          .where('finished_at', 'is', null)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) throw new ConflictError('training.scenarios.errors.stale');
        return { finished: next.is_end };
      });
    },

    /** The debrief of a finished run; 409 while the run is still going. */
    async debrief(actor: Actor, runId: string) {
      const { run, scenario } = await runOf(db, actor, runId);
      if (!run.finished_at) throw new ConflictError('training.scenarios.errors.notFinished');
      const { stepRows, choiceRows } = await loadGraph(db, scenario.id);
      const start = scenario.start_step ?? run.path[0]?.step ?? run.current_step;
      return {
        run,
        scenario,
        debrief: buildDebrief(start, stepRows, choiceRows, run.path, run.current_step),
      };
    },
  };
}

export type ScenarioPlay = ReturnType<typeof createScenarioPlay>;
