import type { Jobs } from '../../platform/jobs/index.js';
import type { Geo } from '../../platform/geo/index.js';
import type { Clock } from '../../platform/time/clock.js';
import type { OrganisationService } from '../organisations/service.js';
import { createCapacity } from './capacity.js';
import type { PlacementDeps } from './deps.js';
import { createPlacementNotifications, definePlacementJobs } from './notifications.js';
import { createOfferService } from './offers.js';
import { type AlertLookup, createOppClock, type DeskDirectory } from './opp.js';
import { placementApiRoutes } from './routes/api.js';
import { offerPageRoutes } from './routes/offer-pages.js';
import { oppPageRoutes } from './routes/opp-pages.js';
import { placementPageRoutes } from './routes/pages.js';
import { type AlertContextSource, createPlacementSearch } from './search.js';
import { createReservations } from './reservations.js';

export { placementEncryptedColumns } from './deps.js';

export function createPlacements(
  deps: Omit<PlacementDeps, 'jobs'> & {
    jobs: Jobs;
    organisations: OrganisationService;
    desks: DeskDirectory;
    alerts: AlertContextSource & AlertLookup;
  },
) {
  const search = createPlacementSearch(deps);
  const reservations = createReservations({ ...deps, search });
  const opp = createOppClock(deps);
  const notifications = createPlacementNotifications(deps);
  definePlacementJobs(deps.jobs, { notifications, reservations, opp });
  return {
    offers: createOfferService(deps),
    search,
    reservations,
    opp,
    capacity: createCapacity(deps),
    notifications,
  };
}

export type Placements = ReturnType<typeof createPlacements>;

export function placementsRoutes(
  placements: Placements,
  deps: { geo: Geo; desks: DeskDirectory; clock: Clock; organisations: OrganisationService },
) {
  return [
    placementApiRoutes(placements),
    offerPageRoutes({ ...placements, organisations: deps.organisations }),
    placementPageRoutes({ ...placements, geo: deps.geo }),
    oppPageRoutes({ ...placements, desks: deps.desks, geo: deps.geo, clock: deps.clock }),
  ];
}
