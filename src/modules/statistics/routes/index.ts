import type { FastifyInstance } from 'fastify';
import type { Statistics } from '../index.js';
import { dashboardRoutes } from './dashboards.js';
import { publicStatisticsRoutes } from './public.js';
import { researchRoutes } from './research.js';

/** The statistics module's pages: dashboards (/pro/statistiques), public figures and open data (/statistiques). */
export function statisticsRoutes(deps: { statistics: Statistics }) {
  return async function routes(app: FastifyInstance) {
    dashboardRoutes(app, deps.statistics);
    publicStatisticsRoutes(app, deps.statistics);
    researchRoutes(app, deps.statistics);
  };
}
