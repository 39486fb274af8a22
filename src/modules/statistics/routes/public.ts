import type { FastifyInstance } from 'fastify';
import type { Statistics } from '../index.js';

/** Routes under /statistiques (built in a following commit). */
export function publicStatisticsRoutes(_app: FastifyInstance, _statistics: Statistics): void {}
