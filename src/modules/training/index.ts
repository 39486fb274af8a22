import { createCatalogue } from './catalogue.js';
import { createCertificates } from './certificates.js';
import { createCounts } from './counts.js';
import type { TrainingDeps } from './deps.js';
import { createLearning } from './learning.js';
import { createScenarios } from './scenarios.js';
import { createSessions } from './sessions.js';

/** Training of professionals (issue 9): catalogue, sessions, distance learning, case exercises, counts. */
export function createTraining(deps: TrainingDeps) {
  const certificates = createCertificates(deps);
  return {
    certificates,
    catalogue: createCatalogue(deps),
    sessions: createSessions({ ...deps, certificates }),
    counts: createCounts(deps),
    learning: createLearning({ ...deps, certificates }),
    scenarios: createScenarios(deps),
  };
}

export type Training = ReturnType<typeof createTraining>;
