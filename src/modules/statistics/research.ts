import type { StatisticsDeps } from './deps.js';

/** HTCDS research export for authorised accounts (built in a following commit). */
export function createResearchExport(_deps: StatisticsDeps) {
  return {};
}
