import type { FastifyInstance } from 'fastify';
import type { Steering } from '../index.js';
import { manageRoutes } from './manage.js';
import { planRoutes } from './plans.js';
import { publicRoutes } from './public.js';

/** The public progress page (/plan) and the steering space's plan pages (/pilotage/…). */
export function steeringRoutes(deps: { steering: Steering }) {
  return async function routes(base: FastifyInstance) {
    publicRoutes(base, deps.steering);
    planRoutes(base, deps.steering);
    manageRoutes(base, deps.steering);
  };
}
