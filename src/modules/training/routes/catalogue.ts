import type { FastifyInstance } from 'fastify';
import type { Training } from '../index.js';

/** Routes of the training module's catalogue part (a helper builds them). */
export function catalogueRoutes(_app: FastifyInstance, _training: Training): void {}
