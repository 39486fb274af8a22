import type { FastifyRequest } from 'fastify';
import type { Geo } from '../../../platform/geo/index.js';
import { ValidationError } from '../../../platform/http/errors.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { ExploitationPlace, SearchInput, SearchResponse } from '../schemas.js';
import type { PlacementSearch } from '../search.js';
import type { SearchFormValues } from '../views/search.js';

/** API field paths → the search form's fields. */
export const SEARCH_FIELDS: Record<string, string> = {
  'place.commune': 'lieu',
  'place.airport': 'lieu',
  'place.departement': 'lieu',
  place: 'lieu',
  minDistanceKm: 'distance',
  languages: 'langue',
  offerId: '_form',
  alertId: '_form',
};

export interface SearchOutcome {
  response?: SearchResponse | undefined;
  errors?: FieldErrors | undefined;
  choices?: Array<{ code: string; label: string }> | undefined;
}

export function translate(
  request: FastifyRequest,
  error: ValidationError,
  fields: Record<string, string> = {},
): FieldErrors {
  const errors: Record<string, string> = {};
  for (const [field, key] of Object.entries(error.fields))
    errors[fields[field] ?? field] = request.t(key, error.fieldParams[field] ?? {});
  if (Object.keys(errors).length === 0) errors._form = request.t(error.messageKey, error.params);
  return errors;
}

/** The search page's form: its one place field, its strings to the search's input, errors to the form's fields. */
export function createSearchForm(deps: { geo: Geo; search: PlacementSearch }) {
  const { geo, search } = deps;

  /**
   * The place typed in one field: an airport code, a département code, an INSEE code or a commune's name. Several
   * communes of that name are offered as choices.
   */
  async function placeFromField(typed: string | undefined): Promise<{
    place?: ExploitationPlace;
    error?: string;
    choices?: Array<{ code: string; label: string }>;
  }> {
    const value = typed?.trim() ?? '';
    if (value === '') return { error: 'placements.errors.placeRequired' };
    if (/^[A-Za-z]{3}$/.test(value) && (await geo.airport(value.toUpperCase())))
      return { place: { airport: value.toUpperCase() } };
    if (/^(\d{2}|2[AB]|9[78]\d)$/i.test(value)) return { place: { departement: value.toUpperCase() } };
    if (/^(\d{5}|2[AB]\d{3})$/i.test(value)) return { place: { commune: value.toUpperCase() } };
    const found = await geo.searchCommunes(value, 8);
    const sameName = found.filter((c) => c.name.localeCompare(value, 'fr', { sensitivity: 'base' }) === 0);
    const pick = found.length === 1 ? found[0] : sameName.length === 1 ? sameName[0] : undefined;
    if (pick) return { place: { commune: pick.code } };
    if (found.length === 0) return { error: 'placements.errors.communeUnknown' };
    return {
      error: 'placements.errors.placeChoose',
      choices: found.map((c) => ({ code: c.code, label: `${c.name} (${c.departementCode})` })),
    };
  }

  /** Runs the search of the page's query; errors come back as the form's field errors. */
  async function runSearch(request: FastifyRequest, values: SearchFormValues): Promise<SearchOutcome> {
    const errors: Record<string, string> = {};
    const input: SearchInput = { includeExcluded: values.ecartees === 'oui' };
    if (values.alerte) input.alertId = values.alerte;
    if (values.public) input.public = values.public as SearchInput['public'];
    if (values.age?.trim()) {
      const age = Number(values.age);
      if (!Number.isInteger(age) || age < 0 || age > 120) errors.age = request.t('placements.errors.age');
      else input.age = age;
    }
    if (values.langue) input.languages = [values.langue];
    if (values.enfants === 'oui') input.accompaniedChildren = true;
    if (values.urgence) input.urgency = values.urgence as SearchInput['urgency'];
    if (values.distance?.trim()) {
      const km = Number(values.distance.replace(',', '.'));
      if (!Number.isFinite(km)) errors.distance = request.t('placements.errors.distanceNumber');
      else input.minDistanceKm = km;
    }
    let choices: Array<{ code: string; label: string }> | undefined;
    if (values.lieu?.trim() || !values.alerte) {
      const place = await placeFromField(values.lieu);
      if (place.error) errors.lieu = request.t(place.error);
      if (place.place) input.place = place.place;
      choices = place.choices;
    }
    if (Object.keys(errors).length > 0) return { errors, choices };
    try {
      return { response: await search.search(request.requireActor(), input) };
    } catch (error) {
      if (error instanceof ValidationError) return { errors: translate(request, error, SEARCH_FIELDS) };
      throw error;
    }
  }

  return { placeFromField, runSearch };
}
