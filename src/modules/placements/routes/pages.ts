import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AuditContext } from '../../../platform/audit/index.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, hasRole, type Role } from '../../../platform/auth/roles.js';
import type { Geo } from '../../../platform/geo/index.js';
import { ConflictError, ValidationError } from '../../../platform/http/errors.js';
import { actOnForm } from '../../../platform/http/forms.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { OfferService } from '../offers.js';
import { PLACEMENT_ROLES, SEARCHERS } from '../policy.js';
import type { Reservations } from '../reservations.js';
import type { ReserveInput } from '../schemas.js';
import type { PlacementSearch } from '../search.js';
import { type PlacementForms, PlacementListPage, PlacementPage } from '../views/placement.js';
import { type SearchFormValues, SearchPage } from '../views/search.js';
import { createSearchForm, SEARCH_FIELDS, type SearchOutcome, translate } from './search-form.js';

const page = { hide: true };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Csrf = Type.Optional(Type.String());
const short = (maxLength = 40) => Type.Optional(Type.String({ maxLength }));
const DECIDERS: Role[] = ['host_staff', 'coordinator'];

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
const ReasonForm = Type.Object(
  { _csrf: Csrf, reason: short(), note: short(1000) },
  { additionalProperties: false },
);
export function placementPageRoutes(deps: {
  offers: OfferService;
  search: PlacementSearch;
  reservations: Reservations;
  geo: Geo;
}) {
  const { offers, search, reservations, geo } = deps;

  const { placeFromField, runSearch } = createSearchForm({ geo, search });

  async function renderSearch(
    request: FastifyRequest,
    reply: FastifyReply,
    typed: SearchFormValues,
    extra: { errors?: FieldErrors; status?: number } = {},
  ) {
    // From an alert, the fields left empty start with the alert's place and first person, shown on the form.
    const fromAlert = typed.alerte
      ? await search.alertDefaults(request.requireActor(), typed.alerte)
      : undefined;
    const values: SearchFormValues = fromAlert
      ? {
          ...typed,
          public: typed.public || fromAlert.public,
          age: typed.age ?? (fromAlert.age === undefined ? undefined : String(fromAlert.age)),
          langue: typed.langue ?? fromAlert.languages[0],
          lieu:
            typed.lieu || fromAlert.place.airport || fromAlert.place.commune || fromAlert.place.departement,
        }
      : { ...typed, alerte: undefined };
    const submitted = Object.values(values).some((v) => !!v);
    const outcome: SearchOutcome = submitted ? await runSearch(request, values) : {};
    const response = outcome.response;
    const alertReference = fromAlert?.reference;
    const shown: SearchFormValues =
      response && !values.public ? { ...values, public: response.criteria.public } : values;
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

  async function renderPlacement(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    forms?: PlacementForms,
    status = 200,
  ) {
    const detail = await reservations.detail(request.requireActor(), id);
    return reply.page(PlacementPage({ ctx: request.pageContext(), ...detail, forms }), status);
  }

  /** A placement action from its page: success flashes and goes back to the page; a refusal re-renders it. */
  const act = (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    flash: string,
    action: () => Promise<unknown>,
    forms: (errors: FieldErrors) => PlacementForms,
  ) =>
    actOnForm(request, reply, {
      action,
      flash,
      next: `/pro/placements/${id}`,
      rerender: (errors, status) => renderPlacement(request, reply, id, forms(errors), status),
      translate: (error) => translate(request, error),
    });

  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    // Placements: search, reserve, follow
    app.get(
      '/pro/placements',
      { schema: page, config: { access: PLACEMENT_ROLES } },
      async (request, reply) => {
        const actor = request.requireActor();
        const all = await reservations.list(actor);
        const managed = hasRole(actor, 'host_staff', 'coordinator')
          ? new Set((await offers.list(actor)).map((o) => o.id))
          : new Set<string>();
        const toDecide = all.filter((p) => p.status === 'held' && managed.has(p.offerId));
        const followed = all.filter((p) => !toDecide.includes(p));
        return reply.page(
          PlacementListPage({
            ctx: request.pageContext(),
            toDecide,
            followed,
            canSearch: hasRole(actor, ...SEARCHERS),
          }),
        );
      },
    );

    app.get(
      '/pro/placements/recherche',
      {
        schema: { ...page, querystring: SearchQuery },
        attachValidation: true,
        config: { access: SEARCHERS },
      },
      async (request, reply) => {
        if (request.validationError)
          return renderSearch(
            request,
            reply,
            {},
            { errors: { _form: request.t('forms.invalidValue') }, status: 422 },
          );
        return renderSearch(request, reply, request.query);
      },
    );

    app.post(
      '/pro/placements',
      { schema: { ...page, body: ReserveForm }, attachValidation: true, config: { access: SEARCHERS } },
      async (request, reply) => {
        if (request.validationError || !request.body)
          return renderSearch(
            request,
            reply,
            {},
            { errors: { _form: request.t('forms.invalidValue') }, status: 422 },
          );
        const body = request.body;
        const values: SearchFormValues = {
          alerte: body.alerte,
          public: body.public,
          age: body.age,
          langue: body.langue,
          lieu: body.lieu,
          urgence: body.urgence,
        };
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
          return reply
            .flashNext('success', 'placements.flash.held', { reference: placement.reference })
            .redirect(`/pro/placements/${placement.id}`, 303);
        } catch (error) {
          if (error instanceof ConflictError)
            return renderSearch(request, reply, values, {
              errors: { _form: request.t(error.messageKey, error.params) },
              status: 409,
            });
          if (error instanceof ValidationError)
            return renderSearch(request, reply, values, {
              errors: translate(request, error, SEARCH_FIELDS),
              status: 422,
            });
          throw error;
        }
      },
    );

    app.get(
      '/pro/placements/:id',
      { schema: { ...page, params: IdParams }, config: { access: PLACEMENT_ROLES } },
      async (request, reply) => renderPlacement(request, reply, request.params.id),
    );

    /** The placement's actions, each a small form on its page; refusing and ending take a reason. */
    const actions: ReadonlyArray<{
      path: string;
      flash: string;
      access: readonly Role[];
      form?: 'refuse' | 'end';
      run: (
        actor: Actor,
        audit: AuditContext,
        id: string,
        reason: { reason: string; note?: string | undefined },
      ) => Promise<unknown>;
    }> = [
      {
        path: 'accepter',
        flash: 'accepted',
        access: DECIDERS,
        run: (actor, audit, id) => reservations.accept(actor, audit, id),
      },
      {
        path: 'refuser',
        flash: 'refused',
        access: DECIDERS,
        form: 'refuse',
        run: (actor, audit, id, r) => reservations.refuse(actor, audit, id, r),
      },
      {
        path: 'arrivee',
        flash: 'started',
        access: DECIDERS,
        run: (actor, audit, id) => reservations.start(actor, audit, id),
      },
      {
        path: 'fin',
        flash: 'ended',
        access: DECIDERS,
        form: 'end',
        run: (actor, audit, id, r) => reservations.end(actor, audit, id, r),
      },
      {
        path: 'annuler',
        flash: 'cancelled',
        access: SEARCHERS,
        run: (actor, audit, id) => reservations.cancel(actor, audit, id),
      },
    ];
    for (const action of actions) {
      app.post(
        `/pro/placements/:id/${action.path}`,
        { schema: { ...page, params: IdParams, body: ReasonForm }, config: { access: [...action.access] } },
        async (request, reply) => {
          const typed = { reason: request.body.reason, note: request.body.note };
          return act(
            request,
            reply,
            request.params.id,
            `placements.flash.${action.flash}`,
            () =>
              action.run(request.requireActor(), request.auditContext(), request.params.id, {
                reason: typed.reason ?? '',
                note: typed.note,
              }),
            (errors) => (action.form ? { [action.form]: typed, errors } : { errors }),
          );
        },
      );
    }
  };
}
