import { stringify } from 'csv-stringify/sync';
import type { Actor } from '../../platform/auth/roles.js';
import { ForbiddenError, ValidationError } from '../../platform/http/errors.js';
import { DAY } from '../../platform/time/clock.js';
import type { PlacementDeps } from './deps.js';
import { placementPolicy } from './policy.js';
import { PUBLICS, STALE_AFTER_DAYS } from './reference.js';
import { createPlacementRepository } from './repository.js';
import type { CapacityResponse, CapacityRow } from './schemas.js';

type Figures = Omit<CapacityRow, 'departement' | 'public'>;
const zero = (): Figures => ({ offers: 0, capacity: 0, free: 0, occupied: 0, held: 0, stale: 0, paused: 0 });

const FIGURES = ['offers', 'capacity', 'free', 'occupied', 'held', 'stale', 'paused'] as const;

function add(into: Figures, from: Figures) {
  for (const key of FIGURES) into[key] += from[key];
}

/**
 * The capacity dashboard: places by département and public — free, occupied, held — with offers to confirm
 * (stale) or paused, totals by public and the gaps (publics with no free place). Coordinators see every offer,
 * a structure its own. The figures come from the placements, like everywhere else.
 */
export function createCapacity(deps: Pick<PlacementDeps, 'db' | 'clock' | 'geo'>) {
  const { db, clock, geo } = deps;
  const repository = createPlacementRepository(db);

  return {
    async report(actor: Actor, departement?: string): Promise<CapacityResponse> {
      const scope = placementPolicy.capacityScope(actor);
      if (!scope) throw new ForbiddenError();
      if (departement !== undefined && !(await geo.departement(departement)))
        throw new ValidationError({ departement: 'placements.errors.departementUnknown' });
      const now = clock.now();
      const offers = await repository.offersWithUse(
        {
          ...(scope === 'own' ? { organisationId: actor.organisation.id } : {}),
          ...(departement ? { departements: [departement] } : {}),
        },
        now,
      );
      const staleBefore = now.getTime() - STALE_AFTER_DAYS * DAY;
      const cells = new Map<string, CapacityRow>();
      for (const offer of offers) {
        const key = `${offer.departement_code}|${offer.public}`;
        const row = cells.get(key) ?? {
          departement: offer.departement_code,
          public: offer.public,
          ...zero(),
        };
        const occupied = Number(offer.occupied);
        const held = Number(offer.held);
        const open = offer.status === 'open';
        add(row, {
          offers: 1,
          capacity: offer.capacity,
          free: open ? Math.max(0, offer.capacity - occupied - held) : 0,
          occupied,
          held,
          stale: open && offer.capacity_confirmed_at.getTime() < staleBefore ? 1 : 0,
          paused: open ? 0 : 1,
        });
        cells.set(key, row);
      }
      const rows = [...cells.values()].sort(
        (a, b) =>
          a.departement.localeCompare(b.departement) ||
          PUBLICS.indexOf(a.public as never) - PUBLICS.indexOf(b.public as never),
      );
      const totals = PUBLICS.map((p) => {
        const total = { public: p, ...zero() };
        for (const row of rows.filter((r) => r.public === p)) add(total, row);
        return total;
      });
      // A structure's own view has no gaps to show: it does not see the others' places.
      const gaps =
        scope === 'own'
          ? []
          : totals
              .filter((t) => t.free === 0)
              .map((t) => ({ departement: departement ?? null, public: t.public }));
      return { scope: scope === 'own' ? 'own' : (departement ?? 'national'), rows, totals, gaps };
    },

    /** The same rows as CSV (RFC 4180, UTF-8, comma separated, with the département's name). */
    async csv(actor: Actor, departement?: string, publicFilter?: string): Promise<string> {
      const report = await this.report(actor, departement);
      const rows = publicFilter ? report.rows.filter((r) => r.public === publicFilter) : report.rows;
      const names = new Map((await geo.departements()).map((d) => [d.code, d.name]));
      return stringify(
        rows.map((r) => [
          r.departement,
          names.get(r.departement) ?? '',
          r.public,
          r.offers,
          r.capacity,
          r.free,
          r.occupied,
          r.held,
          r.stale,
          r.paused,
        ]),
        {
          header: true,
          columns: [
            'departement',
            'nom_departement',
            'public',
            'offres',
            'places',
            'libres',
            'occupees',
            'reservees',
            'offres_a_confirmer',
            'offres_en_pause',
          ],
        },
      );
    },
  };
}

export type Capacity = ReturnType<typeof createCapacity>;
