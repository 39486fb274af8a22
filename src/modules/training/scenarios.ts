import type { TrainingDeps } from './deps.js';
import { createScenarioAuthoring } from './scenario-authoring.js';
import { createScenarioPlay } from './scenario-play.js';

/** Branching case exercises: trainers author and publish scenarios; learners play them to a debrief. */
export function createScenarios(deps: TrainingDeps) {
  return {
    authoring: createScenarioAuthoring(deps),
    play: createScenarioPlay(deps),
  };
}

export type Scenarios = ReturnType<typeof createScenarios>;
