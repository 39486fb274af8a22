import type { Certificates } from './certificates.js';
import type { TrainingDeps } from './deps.js';

/** Sessions, registrations with a waiting list, attendance (helper H1 builds it). */
export function createSessions(_deps: TrainingDeps & { certificates: Certificates }) {
  return {};
}
