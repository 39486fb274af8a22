import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../../platform/auth/roles.js';
import type { Upkeep } from '../upkeep.js';
import { UpkeepPage } from '../views/upkeep.js';

const page = { hide: true };
const EDITORS: Role[] = ['content_editor', 'coordinator', 'national_admin'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Body = Type.Object({ _csrf: Type.Optional(Type.String()) });

/** The editors' worklist: reports from the public, entries not verified for 12 months. */
export function upkeepRoutes(deps: { upkeep: Upkeep }) {
  const { upkeep } = deps;
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/pro/annuaire', { schema: page, config: { access: EDITORS } }, async (request, reply) =>
      reply.page(
        UpkeepPage({ ctx: request.pageContext(), worklist: await upkeep.worklist(request.requireActor()) }),
      ),
    );
    app.post(
      '/pro/annuaire/signalements/:id/traite',
      { schema: { ...page, params: IdParams, body: Body }, config: { access: EDITORS } },
      async (request, reply) => {
        await upkeep.closeReport(request.requireActor(), request.auditContext(), request.params.id);
        return reply.flashNext('success', 'directory.upkeep.closed').redirect('/pro/annuaire', 303);
      },
    );
    app.post(
      '/pro/annuaire/services/:id/verifie',
      { schema: { ...page, params: IdParams, body: Body }, config: { access: EDITORS } },
      async (request, reply) => {
        await upkeep.markVerified(request.requireActor(), request.auditContext(), request.params.id);
        return reply.flashNext('success', 'directory.upkeep.markedVerified').redirect('/pro/annuaire', 303);
      },
    );
  };
}
