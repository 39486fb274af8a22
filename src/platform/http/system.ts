import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../db/index.js';
import type { Metrics } from '../metrics.js';
import { ApiDocsPage } from '../views/api-docs.js';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  database: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
});

/** Health, metrics, the OpenAPI document and its reader. */
export function systemRoutes(deps: { database: Database; metrics: Metrics }) {
  const { database, metrics } = deps;
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/healthz',
      {
        schema: { summary: 'État du service et de sa base de données', tags: ['exploitation'], response: { 200: Health, 503: Health } },
        config: { access: 'public' },
      },
      async (_request, reply) => {
        try {
          await sql`SELECT 1`.execute(database.db);
          return reply.header('cache-control', 'no-store').send({ status: 'ok', database: 'ok' });
        } catch {
          return reply.code(503).header('cache-control', 'no-store').send({ status: 'unavailable', database: 'unavailable' });
        }
      },
    );

    // A constant answer with no database work: the ceiling the other routes are measured against (bench/).
    app.get(
      '/api/v1/ping',
      {
        schema: { summary: 'Réponse constante, sans base de données', tags: ['exploitation'], response: { 200: Type.Object({ pong: Type.Literal(true) }) } },
        config: { access: 'public' },
      },
      async () => ({ pong: true as const }),
    );

    app.get(
      '/metrics',
      {
        schema: { summary: 'Métriques Prometheus', tags: ['exploitation'], security: [{ bearer: [] }], produces: ['text/plain'] },
        config: { access: ['national_admin'], scope: 'metrics:read' },
      },
      async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
    );

    app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());

    app.get('/api/docs', { schema: { hide: true }, config: { access: 'public' } }, async (request, reply) =>
      reply.page(ApiDocsPage({ ctx: request.pageContext(), document: app.swagger() as never })),
    );
  };
}
