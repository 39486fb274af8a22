import type { FastifyInstance } from 'fastify';
import type { Training } from '../index.js';

/** Routes of the training module's scenarios part (a helper builds them). */
export function scenariosRoutes(_app: FastifyInstance, _training: Training): void {}
