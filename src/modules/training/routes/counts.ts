import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../platform/http/errors.js';
import type { CountsFilter } from '../counts.js';
import type { Training } from '../index.js';
import { CountsPage } from '../views/counts.js';
import { COUNTERS, page, translate } from './catalogue-forms.js';

const Query = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 20 })),
  to: Type.Optional(Type.String({ maxLength: 20 })),
  category: Type.Optional(Type.String({ maxLength: 40 })),
  departementCode: Type.Optional(Type.String({ maxLength: 10 })),
});

/** Professionals trained per category × département × period, as a table and as CSV (trainers, coordinators). */
export function countsRoutes(base: FastifyInstance, training: Training): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { counts, learning } = training;

  const filterOf = (query: typeof Query.static): CountsFilter => {
    const defaults = counts.defaults();
    return {
      from: query.from?.trim() || defaults.from,
      to: query.to?.trim() || defaults.to,
      category: query.category?.trim() ?? '',
      departementCode: query.departementCode?.trim() ?? '',
    };
  };

  /** Bad input: the page again with each field's message, nothing counted (422). */
  async function refuse(request: FastifyRequest, reply: FastifyReply, filter: CountsFilter, error: unknown) {
    if (!(error instanceof ValidationError)) throw error;
    const departements = await learning.departements();
    return reply.page(
      CountsPage({
        ctx: request.pageContext(),
        filter,
        rows: [],
        departements,
        errors: translate(request, error),
      }),
      422,
    );
  }

  app.get(
    '/pro/formations/comptes',
    { schema: { ...page, querystring: Query }, config: { access: COUNTERS } },
    async (request, reply) => {
      const filter = filterOf(request.query);
      try {
        const [rows, departements] = await Promise.all([counts.count(filter), learning.departements()]);
        return reply.page(CountsPage({ ctx: request.pageContext(), filter, rows, departements }));
      } catch (error) {
        return refuse(request, reply, filter, error);
      }
    },
  );

  app.get(
    '/pro/formations/comptes.csv',
    { schema: { ...page, querystring: Query }, config: { access: COUNTERS } },
    async (request, reply) => {
      const filter = filterOf(request.query);
      try {
        const csv = await counts.csv(filter, (c) => request.t(`training.categories.${c}`));
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="professionnels-formes-${filter.from}-${filter.to}.csv"`,
          )
          .header('cache-control', 'private, no-store')
          .send(csv);
      } catch (error) {
        return refuse(request, reply, filter, error);
      }
    },
  );
}
