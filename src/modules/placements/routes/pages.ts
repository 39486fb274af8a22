import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasRole, type Role } from '../../../platform/auth/roles.js';
import type { Geo } from '../../../platform/geo/index.js';
import { ConflictError, ValidationError } from '../../../platform/http/errors.js';
import { runForm } from '../../../platform/http/forms.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { OrganisationService } from '../../organisations/service.js';
import type { OfferInput, OfferService } from '../offers.js';
import { PLACEMENT_ROLES, SEARCHERS } from '../policy.js';
import type { Reservations } from '../reservations.js';
import type { ExploitationPlace, ReserveInput, SearchInput, SearchResponse } from '../schemas.js';
import type { PlacementSearch } from '../search.js';
import { type OfferFormValues, OfferFormPage, OffersPage } from '../views/offers.js';
import { type PlacementForms, PlacementListPage, PlacementPage } from '../views/placement.js';
import { type SearchFormValues, SearchPage } from '../views/search.js';

const page = { hide: true };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Csrf = Type.Optional(Type.String());
const short = (maxLength = 40) => Type.Optional(Type.String({ maxLength }));
const DECIDERS: Role[] = ['host_staff', 'coordinator'];

const OfferForm = Type.Object(
  {
    _csrf: Csrf,
    organisationId: short(36),
    name: short(160),
    public: short(),
    capacity: short(6),
    languages: Type.Optional(Type.Union([Type.String({ maxLength: 2 }), Type.Array(Type.String({ maxLength: 2 }), { maxItems: 60 })])),
    specialisation: short(),
    fosterFamilyCount: short(6),
    minAge: short(4),
    maxAge: short(4),
    accompaniedChildren: short(3),
    secretAddress: short(3),
    address: short(300),
    commune: short(120),
    notes: short(2000),
  },
  { additionalProperties: false },
);
type OfferForm = typeof OfferForm.static;

const SearchQuery = Type.Object(
  {
    alerte: Type.Optional(Type.String({ format: 'uuid' })),
    public: short(),
    age: short(4),
    genre: short(),
    langue: short(2),
    enfants: short(3),
    lieu: short(120),
    distance: short(8),
    urgence: short(),
    ecartees: short(3),
  },
  { additionalProperties: false },
);
const ReserveForm = Type.Object(
  {
    _csrf: Csrf,
    offerId: Type.String({ maxLength: 36 }),
    public: short(),
    alerte: short(36),
    age: short(4),
    langue: short(2),
    lieu: short(120),
    urgence: short(),
  },
  { additionalProperties: false },
);
const ReasonForm = Type.Object({ _csrf: Csrf, reason: short(), note: short(1000) }, { additionalProperties: false });
const CapacityForm = Type.Object({ _csrf: Csrf, capacity: short(6) }, { additionalProperties: false });
const StatusForm = Type.Object({ _csrf: Csrf, status: Type.Union([Type.Literal('open'), Type.Literal('paused')]) }, { additionalProperties: false });

function offerValues(body: OfferForm): OfferFormValues {
  return {
    organisationId: body.organisationId,
    name: body.name,
    public: body.public,
    capacity: body.capacity,
    languages: [body.languages ?? []].flat(),
    specialisation: body.specialisation,
    fosterFamilyCount: body.fosterFamilyCount,
    minAge: body.minAge,
    maxAge: body.maxAge,
    accompaniedChildren: body.accompaniedChildren === 'oui',
    secretAddress: body.secretAddress === 'oui',
    address: body.address,
    commune: body.commune,
    notes: body.notes,
  };
}

function offerInput(values: OfferFormValues): OfferInput {
  return { ...values, name: values.name ?? '', public: values.public ?? '', capacity: values.capacity ?? '', specialisation: values.specialisation ?? '', commune: values.commune ?? '' };
}

/** API field paths → the search form's fields. */
const SEARCH_FIELDS: Record<string, string> = {
  'place.commune': 'lieu',
  'place.airport': 'lieu',
  'place.departement': 'lieu',
  place: 'lieu',
  minDistanceKm: 'distance',
  languages: 'langue',
  offerId: '_form',
};

interface SearchOutcome {
  response?: SearchResponse | undefined;
  errors?: FieldErrors | undefined;
  choices?: Array<{ code: string; label: string }> | undefined;
}

function translate(request: FastifyRequest, error: ValidationError, fields: Record<string, string> = {}): FieldErrors {
  const errors: Record<string, string> = {};
  for (const [field, key] of Object.entries(error.fields)) errors[fields[field] ?? field] = request.t(key, error.fieldParams[field] ?? {});
  if (Object.keys(errors).length === 0) errors._form = request.t(error.messageKey, error.params);
  return errors;
}

export function placementPageRoutes(deps: { offers: OfferService; search: PlacementSearch; reservations: Reservations; geo: Geo; organisations: OrganisationService }) {
  const { offers, search, reservations, geo, organisations } = deps;

  /** Host structures a coordinator may declare offers for. */
  async function hostOrganisations(request: FastifyRequest) {
    const actor = request.requireActor();
    if (!hasRole(actor, 'coordinator')) return undefined;
    const list = await organisations.list(actor, {});
    return list.filter((o) => o.active).map((o) => ({ value: o.id, label: o.name }));
  }

  /**
   * The place typed in one field: an airport code, a département code, an INSEE code or a commune's name. Several
   * communes of that name are offered as choices.
   */
  async function placeFromField(typed: string | undefined): Promise<{ place?: ExploitationPlace; error?: string; choices?: Array<{ code: string; label: string }> }> {
    const value = typed?.trim() ?? '';
    if (value === '') return { error: 'placements.errors.placeRequired' };
    if (/^[A-Za-z]{3}$/.test(value) && (await geo.airport(value.toUpperCase()))) return { place: { airport: value.toUpperCase() } };
    if (/^(\d{2}|2[AB]|9[78]\d)$/i.test(value)) return { place: { departement: value.toUpperCase() } };
    if (/^(\d{5}|2[AB]\d{3})$/i.test(value)) return { place: { commune: value.toUpperCase() } };
    const found = await geo.searchCommunes(value, 8);
    const sameName = found.filter((c) => c.name.localeCompare(value, 'fr', { sensitivity: 'base' }) === 0);
    const pick = found.length === 1 ? found[0] : sameName.length === 1 ? sameName[0] : undefined;
    if (pick) return { place: { commune: pick.code } };
    if (found.length === 0) return { error: 'placements.errors.communeUnknown' };
    return { error: 'placements.errors.placeChoose', choices: found.map((c) => ({ code: c.code, label: `${c.name} (${c.departementCode})` })) };
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

  async function renderSearch(request: FastifyRequest, reply: FastifyReply, typed: SearchFormValues, extra: { errors?: FieldErrors; status?: number } = {}) {
    // From an alert, the fields left empty start with the alert's place and first person, shown on the form.
    const fromAlert = typed.alerte ? await search.alertDefaults(request.requireActor(), typed.alerte) : undefined;
    const values: SearchFormValues = fromAlert
      ? {
          ...typed,
          public: typed.public || fromAlert.public,
          age: typed.age ?? (fromAlert.age === undefined ? undefined : String(fromAlert.age)),
          langue: typed.langue ?? fromAlert.languages[0],
          lieu: typed.lieu || fromAlert.place.airport || fromAlert.place.commune || fromAlert.place.departement,
        }
      : typed;
    const submitted = Object.values(values).some((v) => !!v);
    const outcome: SearchOutcome = submitted ? await runSearch(request, values) : {};
    const response = outcome.response;
    const alertReference = fromAlert?.reference;
    const shown: SearchFormValues = response && !values.public ? { ...values, public: response.criteria.public } : values;
    return reply.page(
      SearchPage({
        ctx: request.pageContext(),
        values: shown,
        errors: extra.errors ?? outcome.errors,
        response,
        alertReference,
        placeChoices: outcome.choices,
      }),
      extra.status ?? (outcome.errors ? 422 : 200),
    );
  }

  async function renderPlacement(request: FastifyRequest, reply: FastifyReply, id: string, forms?: PlacementForms, status = 200) {
    const detail = await reservations.detail(request.requireActor(), id);
    return reply.page(PlacementPage({ ctx: request.pageContext(), ...detail, forms }), status);
  }

  /** A placement action from its page: success flashes and goes back to the page; a refusal re-renders it. */
  async function act(request: FastifyRequest, reply: FastifyReply, id: string, flash: string, action: () => Promise<unknown>, forms: (errors: FieldErrors) => PlacementForms) {
    try {
      await action();
    } catch (error) {
      if (error instanceof ValidationError) return renderPlacement(request, reply, id, forms(translate(request, error)), 422);
      if (error instanceof ConflictError) return renderPlacement(request, reply, id, forms({ _form: request.t(error.messageKey, error.params) }), 409);
      throw error;
    }
    return reply.flashNext('success', flash).redirect(`/pro/placements/${id}`, 303);
  }

  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    // Offers of a structure (or of a coordinator's territory)
    app.get('/pro/offres', { schema: page, config: { access: DECIDERS } }, async (request, reply) => {
      const actor = request.requireActor();
      const list = await offers.list(actor);
      const mine = new Set(list.map((o) => o.id));
      const requests = (await reservations.list(actor)).filter((p) => p.status === 'held' && mine.has(p.offerId));
      return reply.page(OffersPage({ ctx: request.pageContext(), offers: list, requests, coordinator: hasRole(actor, 'coordinator') }));
    });

    app.get('/pro/offres/nouvelle', { schema: page, config: { access: DECIDERS } }, async (request, reply) => {
      return reply.page(OfferFormPage({ ctx: request.pageContext(), values: { specialisation: 'non_specialised' }, organisations: await hostOrganisations(request) }));
    });

    app.post('/pro/offres', { schema: { ...page, body: OfferForm }, attachValidation: true, config: { access: DECIDERS } }, async (request, reply) => {
      const values = offerValues(request.body ?? ({} as OfferForm));
      const id = await runForm(
        request,
        reply,
        () => offers.create(request.requireActor(), request.auditContext(), offerInput(values)),
        async (errors) => OfferFormPage({ ctx: request.pageContext(), values, errors, organisations: await hostOrganisations(request) }),
      );
      if (id === undefined) return reply;
      return reply.flashNext('success', 'placements.flash.offerCreated').redirect('/pro/offres', 303);
    });

    app.get('/pro/offres/:id', { schema: { ...page, params: IdParams }, config: { access: DECIDERS } }, async (request, reply) => {
      const o = await offers.get(request.requireActor(), request.params.id);
      const values: OfferFormValues = {
        name: o.name,
        public: o.public,
        capacity: String(o.capacity),
        languages: o.languages,
        specialisation: o.specialisation,
        fosterFamilyCount: o.foster_family_count === null ? undefined : String(o.foster_family_count),
        minAge: o.min_age === null ? undefined : String(o.min_age),
        maxAge: o.max_age === null ? undefined : String(o.max_age),
        accompaniedChildren: o.accompanied_children,
        secretAddress: o.secret_address,
        address: o.address_clear ?? undefined,
        commune: o.commune_code,
        notes: o.notes ?? undefined,
      };
      return reply.page(OfferFormPage({ ctx: request.pageContext(), offerId: o.id, values }));
    });

    app.post('/pro/offres/:id', { schema: { ...page, params: IdParams, body: OfferForm }, attachValidation: true, config: { access: DECIDERS } }, async (request, reply) => {
      const values = offerValues(request.body ?? ({} as OfferForm));
      const done = await runForm(
        request,
        reply,
        async () => {
          await offers.update(request.requireActor(), request.auditContext(), request.params.id, offerInput(values));
          return true;
        },
        (errors) => OfferFormPage({ ctx: request.pageContext(), offerId: request.params.id, values, errors }),
      );
      if (!done) return reply;
      return reply.flashNext('success', 'placements.flash.offerSaved').redirect('/pro/offres', 303);
    });

    app.post('/pro/offres/:id/capacite', { schema: { ...page, params: IdParams, body: CapacityForm }, attachValidation: true, config: { access: DECIDERS } }, async (request, reply) => {
      const typed = request.body?.capacity?.trim();
      const capacity = typed ? Number(typed) : undefined;
      try {
        if (request.validationError || (capacity !== undefined && !Number.isInteger(capacity))) throw new ValidationError({ capacity: 'placements.errors.capacity' });
        await offers.confirmCapacity(request.requireActor(), request.auditContext(), request.params.id, capacity);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const message = Object.entries(error.fields).map(([field, key]) => request.t(key, error.fieldParams[field] ?? {}))[0] ?? request.t(error.messageKey);
        reply.flashNext('error', 'placements.flash.capacityRefused', { reason: message });
        return reply.redirect('/pro/offres', 303);
      }
      return reply.flashNext('success', 'placements.flash.capacityConfirmed').redirect('/pro/offres', 303);
    });

    app.post('/pro/offres/:id/statut', { schema: { ...page, params: IdParams, body: StatusForm }, config: { access: DECIDERS } }, async (request, reply) => {
      try {
        await offers.setStatus(request.requireActor(), request.auditContext(), request.params.id, request.body.status);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        return reply.flashNext('info', error.messageKey).redirect('/pro/offres', 303);
      }
      return reply.flashNext('success', request.body.status === 'open' ? 'placements.flash.offerOpened' : 'placements.flash.offerPaused').redirect('/pro/offres', 303);
    });

    // Placements: search, reserve, follow
    app.get('/pro/placements', { schema: page, config: { access: PLACEMENT_ROLES } }, async (request, reply) => {
      const actor = request.requireActor();
      const all = await reservations.list(actor);
      const managed = hasRole(actor, 'host_staff', 'coordinator') ? new Set((await offers.list(actor)).map((o) => o.id)) : new Set<string>();
      const toDecide = all.filter((p) => p.status === 'held' && managed.has(p.offerId));
      const followed = all.filter((p) => !toDecide.includes(p));
      return reply.page(PlacementListPage({ ctx: request.pageContext(), toDecide, followed, canSearch: hasRole(actor, ...SEARCHERS) }));
    });

    app.get('/pro/placements/recherche', { schema: { ...page, querystring: SearchQuery }, attachValidation: true, config: { access: SEARCHERS } }, async (request, reply) => {
      if (request.validationError) return renderSearch(request, reply, {}, { errors: { _form: request.t('forms.invalidValue') }, status: 422 });
      return renderSearch(request, reply, request.query);
    });

    app.post('/pro/placements', { schema: { ...page, body: ReserveForm }, attachValidation: true, config: { access: SEARCHERS } }, async (request, reply) => {
      if (request.validationError || !request.body) return renderSearch(request, reply, {}, { errors: { _form: request.t('forms.invalidValue') }, status: 422 });
      const body = request.body;
      const values: SearchFormValues = { alerte: body.alerte, public: body.public, age: body.age, langue: body.langue, lieu: body.lieu, urgence: body.urgence };
      try {
        const place = body.lieu ? await placeFromField(body.lieu) : {};
        const input: ReserveInput = {
          offerId: body.offerId,
          public: (body.public ?? '') as ReserveInput['public'],
          ...(body.alerte ? { alertId: body.alerte } : {}),
          ...(body.age && Number.isInteger(Number(body.age)) ? { age: Number(body.age) } : {}),
          ...(body.langue ? { languages: [body.langue] } : {}),
          ...(place.place ? { place: place.place } : {}),
          ...(body.urgence ? { urgency: body.urgence as ReserveInput['urgency'] } : {}),
        };
        const placement = await reservations.reserve(request.requireActor(), request.auditContext(), input);
        return reply.flashNext('success', 'placements.flash.held', { reference: placement.reference }).redirect(`/pro/placements/${placement.id}`, 303);
      } catch (error) {
        if (error instanceof ConflictError) return renderSearch(request, reply, values, { errors: { _form: request.t(error.messageKey, error.params) }, status: 409 });
        if (error instanceof ValidationError) return renderSearch(request, reply, values, { errors: translate(request, error, SEARCH_FIELDS), status: 422 });
        throw error;
      }
    });

    app.get('/pro/placements/:id', { schema: { ...page, params: IdParams }, config: { access: PLACEMENT_ROLES } }, async (request, reply) =>
      renderPlacement(request, reply, request.params.id),
    );

    app.post('/pro/placements/:id/accepter', { schema: { ...page, params: IdParams, body: Type.Object({ _csrf: Csrf }) }, config: { access: DECIDERS } }, async (request, reply) =>
      act(request, reply, request.params.id, 'placements.flash.accepted', () => reservations.accept(request.requireActor(), request.auditContext(), request.params.id), (errors) => ({ errors })),
    );

    app.post('/pro/placements/:id/refuser', { schema: { ...page, params: IdParams, body: ReasonForm }, config: { access: DECIDERS } }, async (request, reply) => {
      const refuse = { reason: request.body.reason, note: request.body.note };
      return act(
        request,
        reply,
        request.params.id,
        'placements.flash.refused',
        () => reservations.refuse(request.requireActor(), request.auditContext(), request.params.id, { reason: refuse.reason ?? '', note: refuse.note }),
        (errors) => ({ refuse, errors }),
      );
    });

    app.post('/pro/placements/:id/arrivee', { schema: { ...page, params: IdParams, body: Type.Object({ _csrf: Csrf }) }, config: { access: DECIDERS } }, async (request, reply) =>
      act(request, reply, request.params.id, 'placements.flash.started', () => reservations.start(request.requireActor(), request.auditContext(), request.params.id), (errors) => ({ errors })),
    );

    app.post('/pro/placements/:id/fin', { schema: { ...page, params: IdParams, body: ReasonForm }, config: { access: DECIDERS } }, async (request, reply) => {
      const end = { reason: request.body.reason, note: request.body.note };
      return act(
        request,
        reply,
        request.params.id,
        'placements.flash.ended',
        () => reservations.end(request.requireActor(), request.auditContext(), request.params.id, { reason: end.reason ?? '', note: end.note }),
        (errors) => ({ end, errors }),
      );
    });

    app.post('/pro/placements/:id/annuler', { schema: { ...page, params: IdParams, body: Type.Object({ _csrf: Csrf }) }, config: { access: SEARCHERS } }, async (request, reply) =>
      act(request, reply, request.params.id, 'placements.flash.cancelled', () => reservations.cancel(request.requireActor(), request.auditContext(), request.params.id), (errors) => ({ errors })),
    );
  };
}
