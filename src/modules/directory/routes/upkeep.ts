import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../../platform/auth/roles.js';
import { ValidationError } from '../../../platform/http/errors.js';
import { EDITABLE, type Editable, type Proposals } from '../proposals.js';
import type { Upkeep } from '../upkeep.js';
import { MyEntriesPage } from '../views/mine.js';
import { UpkeepPage } from '../views/upkeep.js';

const page = { hide: true };
const EDITORS: Role[] = ['content_editor', 'coordinator', 'national_admin'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Body = Type.Object({ _csrf: Type.Optional(Type.String()) });

/** The editors' worklist: reports from the public, entries not verified for 12 months. */
export function upkeepRoutes(deps: { upkeep: Upkeep; proposals: Proposals }) {
  const { upkeep, proposals } = deps;
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/pro/annuaire', { schema: page, config: { access: EDITORS } }, async (request, reply) =>
      reply.page(
        UpkeepPage({
          ctx: request.pageContext(),
          worklist: await upkeep.worklist(request.requireActor()),
          proposals: await proposals.pending(request.requireActor()),
        }),
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

    // An organisation's own entries: any of its members proposes changes.
    app.get(
      '/pro/annuaire/mes-fiches',
      { schema: page, config: { access: 'authenticated' } },
      async (request, reply) =>
        reply.page(
          MyEntriesPage({
            ctx: request.pageContext(),
            entries: await proposals.mine(request.requireActor()),
          }),
        ),
    );
    app.post(
      '/pro/annuaire/mes-fiches/:id',
      {
        schema: {
          ...page,
          params: IdParams,
          body: Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 4000 })),
        },
        config: { access: 'authenticated' },
      },
      async (request, reply) => {
        const body = request.body as Record<string, string>;
        const input = Object.fromEntries(
          EDITABLE.filter((f) => body[f] !== undefined).map((f) => [f, body[f]!]),
        ) as Partial<Record<Editable, string>>;
        try {
          await proposals.propose(request.requireActor(), request.auditContext(), request.params.id, input);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          const errors = Object.fromEntries(
            Object.entries(error.fields).map(([field, key]) => [
              field === '_form' ? '_form' : `${field}-${request.params.id}`,
              request.t(key),
            ]),
          );
          return reply.page(
            MyEntriesPage({
              ctx: request.pageContext(),
              entries: await proposals.mine(request.requireActor()),
              errors,
              failedId: request.params.id,
            }),
            422,
          );
        }
        return reply.flashNext('success', 'directory.mine.sent').redirect('/pro/annuaire/mes-fiches', 303);
      },
    );
    app.post(
      '/pro/annuaire/propositions/:id/accepter',
      { schema: { ...page, params: IdParams, body: Body }, config: { access: EDITORS } },
      async (request, reply) => {
        await proposals.decide(request.requireActor(), request.auditContext(), request.params.id, true);
        return reply.flashNext('success', 'directory.upkeep.accepted').redirect('/pro/annuaire', 303);
      },
    );
    app.post(
      '/pro/annuaire/propositions/:id/rejeter',
      { schema: { ...page, params: IdParams, body: Body }, config: { access: EDITORS } },
      async (request, reply) => {
        await proposals.decide(request.requireActor(), request.auditContext(), request.params.id, false);
        return reply.flashNext('success', 'directory.upkeep.rejected').redirect('/pro/annuaire', 303);
      },
    );
  };
}
