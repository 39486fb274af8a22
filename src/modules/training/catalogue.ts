import type { TrainingDeps } from './deps.js';

/** Courses of the catalogue (helper H1 builds it). */
export function createCatalogue(_deps: TrainingDeps) {
  return {};
}
