import type { Jobs } from '../../platform/jobs/index.js';
import type { Clock } from '../../platform/time/clock.js';
import type { CaseDeps } from './deps.js';
import { createCaseAccess } from './access.js';
import { createCaseFiles } from './files.js';
import { createFromAlerts } from './from-alerts.js';
import { createCaseIndicators } from './indicators.js';
import { createCaseJournal } from './journal.js';
import { createCaseNotifications, defineCaseJobs } from './notifications.js';
import { createCaseReferrals } from './referrals.js';
import { createCaseRetention } from './retention.js';
import { caseAccessApiRoutes } from './routes/access-api.js';
import { caseApiRoutes } from './routes/api.js';
import { caseFilePageRoutes } from './routes/file-pages.js';
import { caseAdminRoutes } from './routes/admin-pages.js';
import { casePageRoutes } from './routes/pages.js';

export { caseEncryptedColumns } from './deps.js';

export function createCases(deps: Omit<CaseDeps, 'jobs'> & { jobs: Jobs }) {
  const files = createCaseFiles(deps);
  const retention = createCaseRetention(deps);
  const notifications = createCaseNotifications(deps);
  defineCaseJobs(deps.jobs, { notifications, retention });
  return {
    files,
    fromAlerts: createFromAlerts(deps),
    access: createCaseAccess({ ...deps, files }),
    journal: createCaseJournal({ ...deps, files }),
    referrals: createCaseReferrals({ ...deps, files }),
    retention,
    notifications,
    indicators: createCaseIndicators(deps),
  };
}

export type Cases = ReturnType<typeof createCases>;

export function casesRoutes(cases: Cases, deps: { clock: Clock }) {
  return [
    caseApiRoutes(cases),
    caseAccessApiRoutes(cases),
    casePageRoutes({ ...cases, clock: deps.clock }),
    caseFilePageRoutes({ ...cases, clock: deps.clock }),
    caseAdminRoutes(cases),
  ];
}
