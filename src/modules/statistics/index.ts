import { createDashboards } from './dashboards.js';
import type { StatisticsDeps } from './deps.js';
import { createPublicStatistics } from './public.js';
import { createResearchExport } from './research.js';

/** Statistics and open data (issue 10): dashboards per role, public figures, research export, annual report. */
export function createStatistics(deps: StatisticsDeps) {
  return {
    dashboards: createDashboards(deps),
    publicStatistics: createPublicStatistics(deps),
    research: createResearchExport(deps),
  };
}

export type Statistics = ReturnType<typeof createStatistics>;
