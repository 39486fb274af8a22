import type { Actor } from '../../platform/auth/roles.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { DAY } from '../../platform/time/clock.js';
import type { PlacementDeps } from './deps.js';
import { placementPolicy } from './policy.js';
import { DEFAULT_MIN_DISTANCE_KM, type Public, STALE_AFTER_DAYS } from './reference.js';
import { createPlacementRepository } from './repository.js';
import type { ExploitationPlace, SearchInput, SearchResponse } from './schemas.js';

/** What the alerts module tells a search about an alert (place, persons' profiles). */
export interface AlertContextSource {
  placementContext(
    actor: Actor,
    alertId: string,
  ): Promise<{
    reference: string;
    place: ExploitationPlace;
    persons: Array<{ minor: string; gender: string; age: number | null; languages: string[] }>;
  }>;
}

export const MAX_DISTANCE_KM = 2000;

/** The public a person falls in, from their profile. */
export function publicFor(person: { minor: string; gender: string }): Public | undefined {
  const minor = person.minor !== 'no';
  if (person.gender === 'female') return minor ? 'mineures' : 'femmes';
  if (person.gender === 'male') return minor ? 'mineurs' : 'hommes';
  return undefined;
}

export interface ResolvedPlace {
  latitude: number;
  longitude: number;
  departement: string;
}

/**
 * Placement search: hard filters then a ranking, far enough from the place of exploitation (éloignement). Each
 * result carries the reasons it is proposed; the structures set aside can be listed with theirs.
 */
export function createPlacementSearch(deps: PlacementDeps & { alerts: AlertContextSource }) {
  const { db, clock, geo, alerts } = deps;
  const repository = createPlacementRepository(db);

  async function resolvePlace(
    place: ExploitationPlace | undefined,
    errors: Record<string, string>,
  ): Promise<ResolvedPlace | undefined> {
    if (!place) {
      errors.place = 'placements.errors.placeRequired';
      return undefined;
    }
    if (place.commune) {
      const commune = await geo.commune(place.commune);
      if (!commune) errors['place.commune'] = 'placements.errors.communeUnknown';
      else {
        const departement = await geo.departement(commune.departementCode);
        const latitude = commune.latitude ?? departement?.latitude;
        const longitude = commune.longitude ?? departement?.longitude;
        if (latitude != null && longitude != null)
          return { latitude, longitude, departement: commune.departementCode };
        errors['place.commune'] = 'placements.errors.noCoordinates';
      }
    } else if (place.airport) {
      const airport = await geo.airport(place.airport);
      if (!airport) errors['place.airport'] = 'placements.errors.airportUnknown';
      else
        return {
          latitude: airport.latitude,
          longitude: airport.longitude,
          departement: airport.departementCode,
        };
    } else if (place.departement) {
      const departement = await geo.departement(place.departement);
      if (!departement) errors['place.departement'] = 'placements.errors.departementUnknown';
      else if (departement.latitude == null || departement.longitude == null)
        errors['place.departement'] = 'placements.errors.noCoordinates';
      else
        return {
          latitude: departement.latitude,
          longitude: departement.longitude,
          departement: departement.code,
        };
    }
    return undefined;
  }

  /** Fills what the request leaves out from the alert: its place and its first person. */
  async function withAlertDefaults(actor: Actor, input: SearchInput): Promise<SearchInput> {
    if (!input.alertId) return input;
    const context = await alerts.placementContext(actor, input.alertId);
    const person = context.persons[0];
    return {
      ...input,
      place: input.place ?? context.place,
      public: input.public ?? (person ? publicFor(person) : undefined),
      age: input.age ?? person?.age ?? undefined,
      languages: input.languages ?? person?.languages,
    };
  }

  return {
    resolvePlace,

    /** The alert's reference when the actor may use it for a search; undefined otherwise. */
    async alertReference(actor: Actor, alertId: string): Promise<string | undefined> {
      return (await this.alertDefaults(actor, alertId))?.reference;
    },

    /** What a search from this alert starts with (its place, its first person); undefined when not the actor's. */
    async alertDefaults(actor: Actor, alertId: string) {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(alertId)) return undefined;
      try {
        const context = await alerts.placementContext(actor, alertId);
        const person = context.persons[0];
        return {
          reference: context.reference,
          place: context.place,
          public: person ? publicFor(person) : undefined,
          age: person?.age ?? undefined,
          languages: person?.languages ?? [],
        };
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },

    async search(actor: Actor, request: SearchInput): Promise<SearchResponse> {
      if (!placementPolicy.canSearch(actor)) throw new ForbiddenError();
      const input = await withAlertDefaults(actor, request);
      const errors: Record<string, string> = {};
      if (!input.public) errors.public = 'placements.errors.publicRequired';
      const minDistanceKm = input.minDistanceKm ?? DEFAULT_MIN_DISTANCE_KM;
      if (!Number.isFinite(minDistanceKm) || minDistanceKm < 0)
        errors.minDistanceKm = 'placements.errors.distanceNegative';
      else if (minDistanceKm > MAX_DISTANCE_KM) errors.minDistanceKm = 'placements.errors.distanceTooLarge';
      const place = await resolvePlace(input.place, errors);
      if (Object.keys(errors).length > 0 || !place) throw new ValidationError(errors);
      const now = clock.now();
      const urgency = input.urgency ?? 'within_48h';
      const criteria = {
        latitude: place.latitude,
        longitude: place.longitude,
        minDistanceKm,
        public: input.public!,
        age: input.age ?? null,
        accompaniedChildren: input.accompaniedChildren ?? false,
        languages: input.languages ?? [],
        urgency,
        now,
        limit: input.limit ?? 20,
      };
      const rows = await repository.search(criteria);
      const staleBefore = now.getTime() - STALE_AFTER_DAYS * DAY;
      const freshAfter = now.getTime() - 2 * DAY;
      const results = rows.map((r) => {
        const stale = r.capacity_confirmed_at.getTime() < staleBefore;
        const reasons = ['public', 'free_place', 'far_enough'];
        if (criteria.languages.some((l) => r.languages.includes(l))) reasons.push('language');
        if (r.specialisation === 'teh') reasons.push('specialised');
        if (r.specialisation === 'foster_families') reasons.push('foster_families');
        reasons.push(stale ? 'stale' : r.capacity_confirmed_at.getTime() >= freshAfter ? 'fresh' : 'recent');
        const secretHidden =
          r.secret_address &&
          !placementPolicy.canSeeSecretAddress(actor, {
            organisation_id: r.organisation_id,
            departement_code: r.departement_code,
          });
        return {
          offerId: r.id,
          offer: r.name,
          organisation: r.organisation_name,
          public: r.public,
          departement: r.departement_code,
          commune: secretHidden ? null : r.commune_name,
          // A hidden shelter's distance comes rounded to its band from the query (filter and score included).
          distanceKm: r.km,
          freePlaces: r.free,
          specialisation: r.specialisation,
          languages: r.languages,
          capacityConfirmedAt: r.capacity_confirmed_at.toISOString(),
          stale,
          score: r.score,
          reasons,
        };
      });
      const response: SearchResponse = {
        criteria: { public: criteria.public, minDistanceKm, urgency, departement: place.departement },
        results,
      };
      if (input.includeExcluded) {
        const included = new Set(rows.map((r) => r.id));
        response.excluded = (await repository.excluded(criteria))
          .filter((r) => !included.has(r.id))
          .map((r) => {
            const reasons: string[] = [];
            if (r.status !== 'open') reasons.push('paused');
            if (r.free <= 0) reasons.push('full');
            if (r.km < minDistanceKm) reasons.push('too_close');
            if (
              criteria.age !== null &&
              ((r.min_age !== null && criteria.age < r.min_age) ||
                (r.max_age !== null && criteria.age > r.max_age))
            )
              reasons.push('age');
            if (criteria.accompaniedChildren && !r.accompanied_children) reasons.push('children');
            if (reasons.length === 0) reasons.push('rank');
            return { offerId: r.id, offer: r.name, organisation: r.organisation_name, reasons };
          });
      }
      return response;
    },
  };
}

export type PlacementSearch = ReturnType<typeof createPlacementSearch>;
