import type { FastifyInstance } from 'fastify';
import type { Training } from '../index.js';
import { scenarioAuthoringRoutes } from './scenario-authoring.js';
import { scenarioPlayRoutes } from './scenario-play.js';

/** Case exercises: learners play them at /formations/exercices, trainers write them at /pro/formations/exercices. */
export function scenariosRoutes(app: FastifyInstance, training: Training): void {
  scenarioPlayRoutes(app, training);
  scenarioAuthoringRoutes(app, training);
}
