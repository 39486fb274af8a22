import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Geo } from '../../platform/geo/index.js';
import { runForm } from '../../platform/http/forms.js';
import { organisationPolicy } from './policy.js';
import { organisationToForm } from './presenters.js';
import { IdParams, OrganisationForm, OrganisationListQuery } from './schemas.js';
import type { OrganisationService } from './service.js';
import { OrganisationFormPage, OrganisationListPage, OrganisationPage } from './views/pages.js';

const MANAGERS = ['national_admin', 'coordinator'] as const;
const page = { hide: true };

export function organisationRoutes(deps: { organisations: OrganisationService; geo: Geo }) {
  const { organisations, geo } = deps;
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/admin/organisations',
      { schema: { ...page, querystring: OrganisationListQuery }, config: { access: MANAGERS } },
      async (request, reply) => {
        const actor = request.requireActor();
        const list = await organisations.list(actor, request.query);
        return reply.page(
          OrganisationListPage({
            ctx: request.pageContext(),
            organisations: list,
            filter: request.query,
            departements: await geo.departements(),
            canCreate: true,
          }),
        );
      },
    );

    app.get('/admin/organisations/nouvelle', { schema: page, config: { access: MANAGERS } }, async (request, reply) => {
      const actor = request.requireActor();
      const departements = organisationPolicy.visibleDepartements(actor);
      return reply.page(
        OrganisationFormPage({
          ctx: request.pageContext(),
          values: { departement: departements?.length === 1 ? departements[0] : '' },
          departements: await geo.departements(),
        }),
      );
    });

    app.post(
      '/admin/organisations',
      { schema: { ...page, body: OrganisationForm }, attachValidation: true, config: { access: MANAGERS } },
      async (request, reply) => {
        const actor = request.requireActor();
        const departements = await geo.departements();
        const created = await runForm(
          request,
          reply,
          () => organisations.create(actor, request.auditContext(), request.body),
          (errors) => OrganisationFormPage({ ctx: request.pageContext(), values: request.body ?? {}, errors, departements }),
        );
        if (!created) return reply;
        return reply.flashNext('success', 'organisations.flash.created', { name: created.name }).redirect(`/admin/organisations/${created.id}`, 303);
      },
    );

    app.get(
      '/admin/organisations/:id',
      { schema: { ...page, params: IdParams }, config: { access: MANAGERS } },
      async (request, reply) => {
        const organisation = await organisations.get(request.requireActor(), request.params.id);
        const departement = organisation.departement_code ? await geo.departement(organisation.departement_code) : undefined;
        return reply.page(OrganisationPage({ ctx: request.pageContext(), organisation, departementName: departement?.name }));
      },
    );

    app.get(
      '/admin/organisations/:id/modifier',
      { schema: { ...page, params: IdParams }, config: { access: MANAGERS } },
      async (request, reply) => {
        const organisation = await organisations.get(request.requireActor(), request.params.id);
        return reply.page(
          OrganisationFormPage({
            ctx: request.pageContext(),
            organisation,
            values: organisationToForm(organisation),
            departements: await geo.departements(),
          }),
        );
      },
    );

    app.post(
      '/admin/organisations/:id/modifier',
      { schema: { ...page, params: IdParams, body: OrganisationForm }, attachValidation: true, config: { access: MANAGERS } },
      async (request, reply) => {
        const actor = request.requireActor();
        const organisation = await organisations.get(actor, request.params.id);
        const departements = await geo.departements();
        const done = await runForm(
          request,
          reply,
          async () => {
            await organisations.update(actor, request.auditContext(), organisation.id, request.body);
            return true;
          },
          (errors) =>
            OrganisationFormPage({ ctx: request.pageContext(), organisation, values: request.body ?? {}, errors, departements }),
        );
        if (!done) return reply;
        return reply.flashNext('success', 'organisations.flash.updated').redirect(`/admin/organisations/${organisation.id}`, 303);
      },
    );

    for (const [segment, active] of [['desactiver', false], ['reactiver', true]] as const) {
      app.post(
        `/admin/organisations/:id/${segment}`,
        { schema: { ...page, params: IdParams }, config: { access: MANAGERS } },
        async (request, reply) => {
          await organisations.setActive(request.requireActor(), request.auditContext(), request.params.id, active);
          return reply
            .flashNext('success', active ? 'organisations.flash.reactivated' : 'organisations.flash.deactivated')
            .redirect(`/admin/organisations/${request.params.id}`, 303);
        },
      );
    }
  };
}
