import type { ScenarioPhase, ScenarioRunStep } from '../../platform/db/schema-training.js';
import { PHASES } from './reference.js';
import { bestPath } from './scenario-graph.js';
import type { ChoiceRow, Quality, StepRow } from './scenario-input.js';

const RANK: Record<Quality, number> = { good: 0, acceptable: 1, poor: 2 };

export interface TakenStep {
  step: StepRow;
  /** Null when the trainer deleted the choice since. */
  choice: ChoiceRow | null;
  minutes: number;
  /** Story time when the choice was made (minutes since the start). */
  at: number;
  /** The best action offered at this step, when the learner did not take a 'good' one. */
  better: ChoiceRow | null;
}

export interface PhaseTiming {
  phase: ScenarioPhase;
  /** Story time when the phase was first reached; null when the path never reached it. */
  yours: number | null;
  best: number | null;
}

export interface Debrief {
  taken: TakenStep[];
  end: StepRow | null;
  best: Array<{ step: StepRow; choice: ChoiceRow }>;
  bestEnd: StepRow | null;
  /** The learner reached the end good practice leads to. */
  reachedBestEnd: boolean;
  totals: { yours: number; best: number };
  counts: Record<Quality, number>;
  failures: Array<{ step: StepRow; choice: ChoiceRow }>;
  phases: PhaseTiming[];
}

/** When each phase is first reached along a path (the start step's phase at time 0). */
function phaseTimes(stepKeys: readonly string[], minutes: readonly number[], byKey: Map<string, StepRow>) {
  const times = new Map<ScenarioPhase, number>();
  let at = 0;
  stepKeys.forEach((key, i) => {
    const phase = byKey.get(key)?.phase;
    if (phase && !times.has(phase)) times.set(phase, at);
    at += minutes[i] ?? 0;
  });
  return times;
}

/**
 * The debrief of a finished run: the path taken against the path of good practice, step by step (each choice's
 * quality with the step's good practice), the coordination failures met, and the story time of both.
 */
export function buildDebrief(
  startStep: string,
  steps: readonly StepRow[],
  choices: readonly ChoiceRow[],
  path: readonly ScenarioRunStep[],
  currentStep: string,
): Debrief {
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const byId = new Map(choices.map((c) => [c.id, c]));
  const bestAt = (key: string) =>
    choices
      .filter((c) => c.step_key === key)
      .sort((a, b) => RANK[a.quality] - RANK[b.quality] || a.position - b.position)[0] ?? null;

  const taken: TakenStep[] = [];
  let at = 0;
  for (const entry of path) {
    const step = byKey.get(entry.step);
    if (!step) continue;
    const choice = byId.get(entry.choice) ?? null;
    const best = bestAt(step.key);
    taken.push({
      step,
      choice,
      minutes: entry.minutes,
      at,
      better: choice?.quality === 'good' || !best || best.id === choice?.id ? null : best,
    });
    at += entry.minutes;
  }

  const graphSteps = steps.map((s) => ({ key: s.key, isEnd: s.is_end, position: s.position }));
  const graphChoices = choices.map((c) => ({
    id: c.id,
    stepKey: c.step_key,
    nextStep: c.next_step,
    minutes: c.minutes,
    quality: c.quality,
    position: c.position,
  }));
  const best = bestPath(startStep, graphSteps, graphChoices).flatMap((g) => {
    const choice = g.id ? byId.get(g.id) : undefined;
    const step = byKey.get(g.stepKey);
    return choice && step ? [{ step, choice }] : [];
  });
  const bestEndKey = best.at(-1)?.choice.next_step ?? startStep;
  const bestEnd = byKey.get(bestEndKey) ?? null;
  const end = byKey.get(currentStep) ?? null;

  const yoursTimes = phaseTimes(
    [...path.map((p) => p.step), currentStep],
    path.map((p) => p.minutes),
    byKey,
  );
  const bestTimes = phaseTimes(
    [startStep, ...best.map((b) => b.choice.next_step)],
    best.map((b) => b.choice.minutes),
    byKey,
  );
  const counts: Record<Quality, number> = { good: 0, acceptable: 0, poor: 0 };
  for (const t of taken) if (t.choice) counts[t.choice.quality]++;

  return {
    taken,
    end,
    best,
    bestEnd,
    reachedBestEnd: !!end && end.key === bestEnd?.key,
    totals: { yours: at, best: best.reduce((sum, b) => sum + b.choice.minutes, 0) },
    counts,
    failures: taken.flatMap((t) =>
      t.choice && t.choice.coordination_failure.trim() ? [{ step: t.step, choice: t.choice }] : [],
    ),
    phases: PHASES.map((phase) => ({
      phase,
      yours: yoursTimes.get(phase) ?? null,
      best: bestTimes.get(phase) ?? null,
    })).filter((p) => p.yours !== null || p.best !== null),
  };
}
