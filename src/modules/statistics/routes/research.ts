import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasRole } from '../../../platform/auth/roles.js';
import { wantsJson } from '../../../platform/http/error-handler.js';
import { ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { Statistics } from '../index.js';
import type { GrantInput } from '../research-authorisations.js';
import { RESEARCH_ROLES } from '../research-authorisations.js';
import { type ExportForm, ResearchForbiddenPage, ResearchPage } from '../views/research.js';

const BASE = '/pro/statistiques/recherche';
const page = { hide: true };
const ADMINS = ['national_admin'] as const;
const f = (maxLength: number) => Type.String({ maxLength, default: '' });
const ExportBody = Type.Object({ _csrf: Type.Optional(Type.String()), du: f(20), au: f(20), format: f(10) });
const GrantBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  email: f(320),
  purpose: f(2000),
  until: f(20),
});
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });

const translate = (request: FastifyRequest, error: ValidationError): FieldErrors => {
  const errors = Object.fromEntries(Object.entries(error.fields).map(([k, key]) => [k, request.t(key)]));
  return Object.keys(errors).length > 0 ? errors : { _form: request.t(error.messageKey) };
};

/** /pro/statistiques/recherche: the HTCDS mapping, the export for authorised accounts, the authorisations. */
export function researchRoutes(base: FastifyInstance, statistics: Statistics): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { research } = statistics;

  async function researchPage(
    request: FastifyRequest,
    extra: {
      form?: ExportForm;
      errors?: FieldErrors;
      grant?: Partial<GrantInput>;
      grantErrors?: FieldErrors;
    } = {},
  ) {
    const actor = request.requireActor();
    const isAdmin = hasRole(actor, 'national_admin');
    const [authorisation, authorisations] = await Promise.all([
      research.authorisations.active(actor),
      isAdmin ? research.authorisations.list(actor) : Promise.resolve(undefined),
    ]);
    return ResearchPage({
      ctx: request.pageContext(),
      mapping: research.mapping,
      authorisation,
      authorisations,
      ...extra,
    });
  }

  app.get(BASE, { schema: page, config: { access: [...RESEARCH_ROLES] } }, async (request, reply) =>
    reply.header('cache-control', 'no-store').page(await researchPage(request)),
  );

  app.post(
    `${BASE}/export`,
    { schema: { ...page, body: ExportBody }, config: { access: [...RESEARCH_ROLES] } },
    async (request, reply) => {
      const json = wantsJson(request);
      const form = { du: request.body.du, au: request.body.au, format: request.body.format };
      try {
        const file = await research.export(request.requireActor(), request.auditContext(), {
          from: form.du,
          to: form.au,
          format: form.format,
        });
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .send(file.body);
      } catch (error) {
        if (json) throw error;
        if (error instanceof ForbiddenError)
          return reply.page(ResearchForbiddenPage({ ctx: request.pageContext() }), 403);
        if (!(error instanceof ValidationError)) throw error;
        return reply.page(await researchPage(request, { form, errors: translate(request, error) }), 422);
      }
    },
  );

  app.post(
    `${BASE}/autorisations`,
    { schema: { ...page, body: GrantBody }, config: { access: [...ADMINS] } },
    async (request, reply) => {
      const grant = { email: request.body.email, purpose: request.body.purpose, until: request.body.until };
      try {
        await research.authorisations.grant(request.requireActor(), request.auditContext(), grant);
      } catch (error) {
        if (!(error instanceof ValidationError) || wantsJson(request)) throw error;
        return reply.page(
          await researchPage(request, { grant, grantErrors: translate(request, error) }),
          422,
        );
      }
      return reply
        .flashNext('success', 'statistics.research.flash.granted')
        .redirect(`${BASE}#autorisations`, 303);
    },
  );

  app.post(
    `${BASE}/autorisations/:id/revocation`,
    {
      schema: { ...page, params: Id, body: Type.Object({ _csrf: Type.Optional(Type.String()) }) },
      config: { access: [...ADMINS] },
    },
    async (request, reply) => {
      await research.authorisations.revoke(request.requireActor(), request.auditContext(), request.params.id);
      return reply
        .flashNext('success', 'statistics.research.flash.revoked')
        .redirect(`${BASE}#autorisations`, 303);
    },
  );
}
