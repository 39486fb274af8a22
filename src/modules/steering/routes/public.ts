import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../platform/http/errors.js';
import type { Steering } from '../index.js';
import { present } from '../indicators.js';
import { DeploymentPage, PilotsPage, PlanPublicPage } from '../views/public.js';
import { page } from './forms.js';

/** The public progress pages: the plan (/plan, /plan/:slug), departmental deployment and the pilot projects. */
export function publicRoutes(base: FastifyInstance, steering: Steering) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { plans, indicators, territory, review } = steering;

  async function publicPlan(request: FastifyRequest, slug: string | null) {
    const list = await plans.list(null);
    const chosen = slug ? list.find((p) => p.slug === slug) : list[0];
    if (slug && !chosen) throw new NotFoundError();
    if (!chosen)
      return PlanPublicPage({
        ctx: request.pageContext(),
        outline: null,
        budget: [],
        indicators: [],
        contributions: [],
        others: list,
      });
    const [outline, budget, rows, contributions] = await Promise.all([
      plans.outline(chosen.id, null),
      steering.budget.lines(chosen.id, null),
      indicators.list(chosen.id),
      review.contributions(null, chosen.id),
    ]);
    return PlanPublicPage({
      ctx: request.pageContext(),
      outline,
      budget,
      indicators: rows.filter((r) => !r.pilot_id).map((r) => present(r, 'public')),
      contributions: contributions.filter((c) => c.decision !== null),
      others: list,
    });
  }
  app.get('/plan', { schema: page, config: { access: 'public' } }, async (request, reply) =>
    reply.page(await publicPlan(request, null)),
  );
  app.get('/plan/deploiement', { schema: page, config: { access: 'public' } }, async (request, reply) =>
    reply.page(DeploymentPage({ ctx: request.pageContext(), rows: await territory.deployment() })),
  );
  app.get('/plan/projets-pilotes', { schema: page, config: { access: 'public' } }, async (request, reply) => {
    const pilots = await territory.pilots();
    const withIndicators = await Promise.all(
      pilots.map(async (pilot) => ({
        pilot,
        indicators: (await indicators.forPilot(pilot.id)).map((r) => present(r, 'public')),
      })),
    );
    return reply.page(PilotsPage({ ctx: request.pageContext(), pilots: withIndicators }));
  });
  app.get(
    '/plan/:slug',
    {
      schema: { ...page, params: Type.Object({ slug: Type.String({ maxLength: 60 }) }) },
      config: { access: 'public' },
    },
    async (request, reply) => reply.page(await publicPlan(request, request.params.slug)),
  );
}
