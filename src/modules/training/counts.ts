import type { TrainingDeps } from './deps.js';

/** People trained per category, département and period (helper H1 builds it). */
export function createCounts(_deps: TrainingDeps) {
  return {};
}
