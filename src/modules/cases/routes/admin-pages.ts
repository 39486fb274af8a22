import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../platform/http/errors.js';
import type { CaseRetention } from '../retention.js';
import { AdminCasesPage } from '../views/admin.js';

const page = { hide: true };
const ADMINS = ['national_admin'] as const;

/** The person's rights: export all that is held about one file's person, erase it (national administration). */
export function caseAdminRoutes(deps: { retention: CaseRetention }) {
  const { retention } = deps;
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/admin/dossiers',
      {
        schema: {
          ...page,
          querystring: Type.Object({ efface: Type.Optional(Type.String({ maxLength: 1 })) }),
        },
        config: { access: [...ADMINS] },
      },
      async (request, reply) =>
        reply.page(AdminCasesPage({ ctx: request.pageContext(), erased: request.query.efface === '1' })),
    );

    app.get(
      '/admin/dossiers/export',
      {
        schema: { ...page, querystring: Type.Object({ reference: Type.String({ maxLength: 20 }) }) },
        config: { access: [...ADMINS] },
      },
      async (request, reply) => {
        try {
          const data = await retention.export(
            request.requireActor(),
            request.auditContext(),
            request.query.reference,
          );
          return reply
            .header('content-type', 'application/json; charset=utf-8')
            .header('content-disposition', `attachment; filename="${String(data.reference)}.json"`)
            .header('cache-control', 'no-store')
            .send(JSON.stringify(data, null, 2));
        } catch (error) {
          if (!(error instanceof NotFoundError)) throw error;
          return reply.page(
            AdminCasesPage({
              ctx: request.pageContext(),
              reference: request.query.reference,
              errors: { reference: request.t('cases.errors.referenceUnknown') },
            }),
            404,
          );
        }
      },
    );

    app.post(
      '/admin/dossiers/effacer',
      {
        schema: {
          ...page,
          body: Type.Object({
            _csrf: Type.Optional(Type.String()),
            reference: Type.String({ maxLength: 20 }),
            confirmation: Type.Optional(Type.String({ maxLength: 20 })),
          }),
        },
        config: { access: [...ADMINS] },
      },
      async (request, reply) => {
        const { reference, confirmation } = request.body;
        if (
          (confirmation ?? '').trim().toUpperCase() !== reference.trim().toUpperCase() ||
          !reference.trim()
        ) {
          return reply.page(
            AdminCasesPage({
              ctx: request.pageContext(),
              reference,
              errors: { confirmation: request.t('cases.errors.confirmation') },
            }),
            422,
          );
        }
        try {
          await retention.erase(request.requireActor(), request.auditContext(), reference);
        } catch (error) {
          if (!(error instanceof NotFoundError)) throw error;
          return reply.page(
            AdminCasesPage({
              ctx: request.pageContext(),
              reference,
              errors: { reference: request.t('cases.errors.referenceUnknown') },
            }),
            404,
          );
        }
        return reply.redirect('/admin/dossiers?efface=1', 303);
      },
    );
  };
}
