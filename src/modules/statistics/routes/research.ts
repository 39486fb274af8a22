import type { FastifyInstance } from 'fastify';
import type { Statistics } from '../index.js';

/** Routes under /pro/statistiques/recherche (built in a following commit). */
export function researchRoutes(_app: FastifyInstance, _statistics: Statistics): void {}
