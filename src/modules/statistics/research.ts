import type { StatisticsDeps } from './deps.js';
import { createResearchAuthorisations } from './research-authorisations.js';
import { createResearchExportFile } from './research-export.js';
import { HTCDS_MAPPING } from './research-mapping.js';

/**
 * HTCDS research export (issue 10): de-identified case data for accounts a national administrator authorised,
 * for a stated purpose and a limited time. Grants, revocations and exports go to the audit trail (counts only).
 */
export function createResearchExport(deps: StatisticsDeps) {
  const authorisations = createResearchAuthorisations(deps);
  return {
    mapping: HTCDS_MAPPING,
    authorisations,
    ...createResearchExportFile(deps, authorisations),
  };
}

export type ResearchExport = ReturnType<typeof createResearchExport>;
