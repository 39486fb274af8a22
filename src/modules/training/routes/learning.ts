import type { FastifyInstance } from 'fastify';
import type { Training } from '../index.js';

/** Routes of the training module's learning part (a helper builds them). */
export function learningRoutes(_app: FastifyInstance, _training: Training): void {}
