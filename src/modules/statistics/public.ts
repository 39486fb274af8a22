import type { StatisticsDeps } from './deps.js';

/** Public statistics with small-cell suppression, open data, annual report (built in a following commit). */
export function createPublicStatistics(_deps: StatisticsDeps) {
  return {};
}
