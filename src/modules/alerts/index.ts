import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Geo } from '../../platform/geo/index.js';
import type { Jobs } from '../../platform/jobs/index.js';
import type { Realtime } from '../../platform/realtime/index.js';
import type { Clock } from '../../platform/time/clock.js';
import type { OrganisationService } from '../organisations/service.js';
import { createAlertActions } from './actions.js';
import type { AlertDeps } from './deps.js';
import { createDeskAdmin } from './desks.js';
import { createIntake } from './intake.js';
import { createAlertNotifications, defineAlertJobs } from './notifications.js';
import { createAlertQueries } from './queries.js';
import { createRoutingCache } from './routing-cache.js';
import { alertApiRoutes } from './routes/api.js';
import { alertPageRoutes } from './routes/pages.js';
import { routingPageRoutes } from './routes/routing-pages.js';

export { alertEncryptedColumns } from './deps.js';

export function createAlerts(deps: Omit<AlertDeps, 'routing' | 'jobs'> & { jobs: Jobs; organisations: OrganisationService }) {
  const routing = createRoutingCache(deps.db, deps.realtime);
  const alertDeps: AlertDeps = { ...deps, routing };
  const notifications = createAlertNotifications(alertDeps);
  defineAlertJobs(deps.jobs, notifications);
  return {
    routing,
    intake: createIntake(alertDeps),
    actions: createAlertActions(alertDeps),
    queries: createAlertQueries(alertDeps),
    notifications,
    desks: createDeskAdmin({ db: deps.db as Kysely<DB>, clock: deps.clock, geo: deps.geo, routing, organisations: deps.organisations }),
  };
}

export type Alerts = ReturnType<typeof createAlerts>;

export function alertsRoutes(alerts: Alerts, deps: { realtime: Realtime; geo: Geo; clock: Clock; organisations: OrganisationService }) {
  return [
    alertApiRoutes({ ...alerts, realtime: deps.realtime, geo: deps.geo }),
    alertPageRoutes({ ...alerts, geo: deps.geo, clock: deps.clock }),
    routingPageRoutes({ desks: alerts.desks, geo: deps.geo, organisations: deps.organisations }),
  ];
}
