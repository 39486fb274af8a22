import type { Certificates } from './certificates.js';
import type { TrainingDeps } from './deps.js';

/** Distance learning: lessons, quizzes, progress, completion (helper H2 builds it). */
export function createLearning(_deps: TrainingDeps & { certificates: Certificates }) {
  return {};
}
