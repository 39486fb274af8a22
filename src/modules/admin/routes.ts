import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AdminService } from './service.js';
import { AuditPage, OutboxMessagePage, OutboxPage, OverviewPage } from './views/pages.js';

const page = { hide: true };
const AuditQuery = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 80 })),
  target: Type.Optional(Type.String({ maxLength: 100 })),
  avant: Type.Optional(Type.Integer({ minimum: 1 })),
});

export function adminRoutes(admin: AdminService) {
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/admin', { schema: page, config: { access: ['national_admin', 'coordinator'] } }, async (request, reply) =>
      reply.page(OverviewPage({ ctx: request.pageContext(), overview: await admin.overview(request.requireActor()) })),
    );

    app.get('/admin/courriels', { schema: page, config: { access: ['national_admin'] } }, async (request, reply) =>
      reply.page(OutboxPage({ ctx: request.pageContext(), outbox: await admin.outboxList(request.requireActor()) })),
    );

    app.get(
      '/admin/courriels/:name',
      { schema: { ...page, params: Type.Object({ name: Type.String({ maxLength: 120, pattern: '^[\\w-]+\\.eml$' }) }) }, config: { access: ['national_admin'] } },
      async (request, reply) =>
        reply.page(OutboxMessagePage({ ctx: request.pageContext(), message: await admin.outboxMessage(request.requireActor(), request.params.name) })),
    );

    app.get('/admin/journal', { schema: { ...page, querystring: AuditQuery }, config: { access: ['national_admin'] } }, async (request, reply) => {
      const { action, target, avant } = request.query;
      const [targetType, targetId] = (target ?? '').trim().split(/\s+/, 2);
      const events = await admin.auditEvents(request.requireActor(), {
        action: action?.trim() || undefined,
        targetType: targetType || undefined,
        targetId: targetId || undefined,
        beforeId: avant,
      });
      return reply.page(AuditPage({ ctx: request.pageContext(), events, filter: { action, target } }));
    });

    app.post('/admin/journal/verifier', { schema: page, config: { access: ['national_admin'] } }, async (request, reply) => {
      const actor = request.requireActor();
      const verification = await admin.verifyAudit(actor);
      const events = await admin.auditEvents(actor, {});
      return reply.page(AuditPage({ ctx: request.pageContext(), events, filter: {}, verification }));
    });
  };
}
