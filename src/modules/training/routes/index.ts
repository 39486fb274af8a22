import type { FastifyInstance } from 'fastify';
import type { Training } from '../index.js';
import { catalogueRoutes } from './catalogue.js';
import { certificateRoutes } from './certificates.js';
import { learningRoutes } from './learning.js';
import { scenariosRoutes } from './scenarios.js';

/** The training module's pages: the public catalogue at /formations, learning, exercises, trainers' pages. */
export function trainingRoutes(deps: { training: Training }) {
  return async function routes(app: FastifyInstance) {
    catalogueRoutes(app, deps.training);
    learningRoutes(app, deps.training);
    scenariosRoutes(app, deps.training);
    certificateRoutes(app, deps.training);
  };
}
