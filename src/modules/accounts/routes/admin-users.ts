import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Geo } from '../../../platform/geo/index.js';
import { runForm } from '../../../platform/http/forms.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { OrganisationService } from '../../organisations/service.js';
import type { InvitationService } from '../invitations.js';
import { describeGrant } from '../presenters.js';
import { GrantForm, IdParams, InviteForm, InviteQuery, UserGrantParams, UserListQuery } from '../schemas.js';
import type { UserAdminService } from '../users-admin.js';
import { InviteUserPage, UserListPage, UserPage } from '../views/admin-users.js';

const page = { hide: true };
const MANAGERS = ['national_admin', 'coordinator'] as const;
const USERS = '/admin/utilisateurs';

export function adminUserRoutes(deps: {
  users: UserAdminService;
  invitations: InvitationService;
  organisations: OrganisationService;
  geo: Geo;
}) {
  const { users, invitations, organisations, geo } = deps;

  async function renderUser(request: FastifyRequest, userId: string, grantValues?: Partial<GrantForm>, grantErrors?: FieldErrors) {
    const managed = await users.get(request.requireActor(), userId);
    return UserPage({
      ctx: request.pageContext(),
      ...managed,
      describeGrant: (g) => describeGrant(request.t, g),
      airports: await geo.airports(),
      grantValues,
      grantErrors,
    });
  }

  async function renderInvite(request: FastifyRequest, values: Partial<InviteForm>, errors?: FieldErrors) {
    const actor = request.requireActor();
    const list = await organisations.list(actor, {});
    return InviteUserPage({
      ctx: request.pageContext(),
      values,
      errors,
      organisations: list.filter((o) => o.active),
      airports: await geo.airports(),
    });
  }

  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(USERS, { schema: { ...page, querystring: UserListQuery }, config: { access: MANAGERS } }, async (request, reply) => {
      const actor = request.requireActor();
      const filter = request.query;
      const organisation = filter.organisation ? await organisations.get(actor, filter.organisation) : undefined;
      const list = await users.list(actor, { q: filter.q, organisationId: filter.organisation, role: filter.role, status: filter.status || undefined });
      return reply.page(UserListPage({ ctx: request.pageContext(), users: list, filter, organisation }));
    });

    app.get(`${USERS}/inviter`, { schema: { ...page, querystring: InviteQuery }, config: { access: MANAGERS } }, async (request, reply) =>
      reply.page(await renderInvite(request, { organisationId: request.query.organisation ?? '', scopeKind: 'organisation' })),
    );

    app.post(
      `${USERS}/inviter`,
      { schema: { ...page, body: InviteForm }, attachValidation: true, config: { access: MANAGERS } },
      async (request, reply) => {
        const body = request.body;
        const created = await runForm(
          request,
          reply,
          () => invitations.invite(request.requireActor(), request.auditContext(), body),
          (errors) => renderInvite(request, body ?? {}, errors),
        );
        if (!created) return reply;
        return reply.flashNext('success', 'accounts.flash.invited', { email: created.email }).redirect(`${USERS}/${created.id}`, 303);
      },
    );

    app.get(`${USERS}/:id`, { schema: { ...page, params: IdParams }, config: { access: MANAGERS } }, async (request, reply) =>
      reply.page(await renderUser(request, request.params.id)),
    );

    app.post(
      `${USERS}/:id/habilitations`,
      { schema: { ...page, params: IdParams, body: GrantForm }, attachValidation: true, config: { access: MANAGERS } },
      async (request, reply) => {
        const { id } = request.params;
        const done = await runForm(
          request,
          reply,
          async () => {
            await users.addGrant(request.requireActor(), request.auditContext(), id, request.body);
            return true;
          },
          (errors) => renderUser(request, id, request.body ?? {}, errors),
        );
        return done ? reply.flashNext('success', 'accounts.flash.grantAdded').redirect(`${USERS}/${id}`, 303) : reply;
      },
    );

    app.post(
      `${USERS}/:id/habilitations/:grantId/supprimer`,
      { schema: { ...page, params: UserGrantParams }, config: { access: MANAGERS } },
      async (request, reply) => {
        const { id, grantId } = request.params;
        await users.removeGrant(request.requireActor(), request.auditContext(), id, grantId);
        return reply.flashNext('success', 'accounts.flash.grantRemoved').redirect(`${USERS}/${id}`, 303);
      },
    );

    for (const [segment, active] of [['desactiver', false], ['reactiver', true]] as const) {
      app.post(`${USERS}/:id/${segment}`, { schema: { ...page, params: IdParams }, config: { access: MANAGERS } }, async (request, reply) => {
        await users.setStatus(request.requireActor(), request.auditContext(), request.params.id, active);
        return reply
          .flashNext('success', active ? 'accounts.flash.reactivated' : 'accounts.flash.deactivated')
          .redirect(`${USERS}/${request.params.id}`, 303);
      });
    }

    app.post(`${USERS}/:id/2fa/reinitialiser`, { schema: { ...page, params: IdParams }, config: { access: MANAGERS } }, async (request, reply) => {
      await users.resetSecondFactor(request.requireActor(), request.auditContext(), request.params.id);
      return reply.flashNext('success', 'accounts.flash.secondFactorReset').redirect(`${USERS}/${request.params.id}`, 303);
    });

    app.post(`${USERS}/:id/relancer`, { schema: { ...page, params: IdParams }, config: { access: MANAGERS } }, async (request, reply) => {
      await invitations.resendInvitation(request.requireActor(), request.auditContext(), request.params.id);
      return reply.flashNext('success', 'accounts.flash.invitationResent').redirect(`${USERS}/${request.params.id}`, 303);
    });
  };
}
