import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasRole, type Role } from '../../../platform/auth/roles.js';
import { ConflictError, ValidationError } from '../../../platform/http/errors.js';
import { runForm } from '../../../platform/http/forms.js';
import type { OrganisationService } from '../../organisations/service.js';
import type { OfferService } from '../offers.js';
import type { Reservations } from '../reservations.js';
import { type OfferFormValues, OfferFormPage, OffersPage } from '../views/offers.js';
import { OfferForm, offerInput, offerValues } from './offer-form.js';

const page = { hide: true };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Csrf = Type.Optional(Type.String());
const short = (maxLength = 40) => Type.Optional(Type.String({ maxLength }));
const DECIDERS: Role[] = ['host_staff', 'coordinator'];
const CapacityForm = Type.Object({ _csrf: Csrf, capacity: short(6) }, { additionalProperties: false });
const StatusForm = Type.Object(
  { _csrf: Csrf, status: Type.Union([Type.Literal('open'), Type.Literal('paused')]) },
  { additionalProperties: false },
);

/** A structure's offers (or a coordinator's territory's): declare, edit, confirm capacity, pause. */
export function offerPageRoutes(deps: {
  offers: OfferService;
  reservations: Reservations;
  organisations: OrganisationService;
}) {
  const { offers, reservations, organisations } = deps;

  /** Host structures a coordinator may declare offers for. */
  async function hostOrganisations(request: FastifyRequest) {
    const actor = request.requireActor();
    if (!hasRole(actor, 'coordinator')) return undefined;
    const list = await organisations.list(actor, {});
    return list.filter((o) => o.active).map((o) => ({ value: o.id, label: o.name }));
  }

  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    // Offers of a structure (or of a coordinator's territory)
    app.get('/pro/offres', { schema: page, config: { access: DECIDERS } }, async (request, reply) => {
      const actor = request.requireActor();
      const list = await offers.list(actor);
      const mine = new Set(list.map((o) => o.id));
      const requests = (await reservations.list(actor)).filter(
        (p) => p.status === 'held' && mine.has(p.offerId),
      );
      return reply.page(
        OffersPage({
          ctx: request.pageContext(),
          offers: list,
          requests,
          coordinator: hasRole(actor, 'coordinator'),
        }),
      );
    });

    app.get(
      '/pro/offres/nouvelle',
      { schema: page, config: { access: DECIDERS } },
      async (request, reply) => {
        return reply.page(
          OfferFormPage({
            ctx: request.pageContext(),
            values: { specialisation: 'non_specialised' },
            organisations: await hostOrganisations(request),
          }),
        );
      },
    );

    app.post(
      '/pro/offres',
      { schema: { ...page, body: OfferForm }, attachValidation: true, config: { access: DECIDERS } },
      async (request, reply) => {
        const values = offerValues(request.body ?? ({} as OfferForm));
        const id = await runForm(
          request,
          reply,
          () => offers.create(request.requireActor(), request.auditContext(), offerInput(values)),
          async (errors) =>
            OfferFormPage({
              ctx: request.pageContext(),
              values,
              errors,
              organisations: await hostOrganisations(request),
            }),
        );
        if (id === undefined) return reply;
        return reply.flashNext('success', 'placements.flash.offerCreated').redirect('/pro/offres', 303);
      },
    );

    app.get(
      '/pro/offres/:id',
      { schema: { ...page, params: IdParams }, config: { access: DECIDERS } },
      async (request, reply) => {
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
      },
    );

    app.post(
      '/pro/offres/:id',
      {
        schema: { ...page, params: IdParams, body: OfferForm },
        attachValidation: true,
        config: { access: DECIDERS },
      },
      async (request, reply) => {
        const values = offerValues(request.body ?? ({} as OfferForm));
        const done = await runForm(
          request,
          reply,
          async () => {
            await offers.update(
              request.requireActor(),
              request.auditContext(),
              request.params.id,
              offerInput(values),
            );
            return true;
          },
          (errors) =>
            OfferFormPage({ ctx: request.pageContext(), offerId: request.params.id, values, errors }),
        );
        if (!done) return reply;
        return reply.flashNext('success', 'placements.flash.offerSaved').redirect('/pro/offres', 303);
      },
    );

    app.post(
      '/pro/offres/:id/capacite',
      {
        schema: { ...page, params: IdParams, body: CapacityForm },
        attachValidation: true,
        config: { access: DECIDERS },
      },
      async (request, reply) => {
        const typed = request.body?.capacity?.trim();
        const capacity = typed ? Number(typed) : undefined;
        try {
          if (request.validationError || (capacity !== undefined && !Number.isInteger(capacity)))
            throw new ValidationError({ capacity: 'placements.errors.capacity' });
          await offers.confirmCapacity(
            request.requireActor(),
            request.auditContext(),
            request.params.id,
            capacity,
          );
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          const message =
            Object.entries(error.fields).map(([field, key]) =>
              request.t(key, error.fieldParams[field] ?? {}),
            )[0] ?? request.t(error.messageKey);
          reply.flashNext('error', 'placements.flash.capacityRefused', { reason: message });
          return reply.redirect('/pro/offres', 303);
        }
        return reply.flashNext('success', 'placements.flash.capacityConfirmed').redirect('/pro/offres', 303);
      },
    );

    app.post(
      '/pro/offres/:id/statut',
      { schema: { ...page, params: IdParams, body: StatusForm }, config: { access: DECIDERS } },
      async (request, reply) => {
        try {
          await offers.setStatus(
            request.requireActor(),
            request.auditContext(),
            request.params.id,
            request.body.status,
          );
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          return reply.flashNext('info', error.messageKey).redirect('/pro/offres', 303);
        }
        return reply
          .flashNext(
            'success',
            request.body.status === 'open' ? 'placements.flash.offerOpened' : 'placements.flash.offerPaused',
          )
          .redirect('/pro/offres', 303);
      },
    );
  };
}
