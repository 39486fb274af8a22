import type { TrainingDeps } from './deps.js';

/** Branching case exercises: authoring, validation, runs, debrief (helper H3 builds it). */
export function createScenarios(_deps: TrainingDeps) {
  return {};
}
