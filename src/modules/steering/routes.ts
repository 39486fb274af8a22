import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../platform/auth/roles.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { FieldErrors } from '../../platform/views/components.js';
import type { Steering } from './index.js';
import { type IndicatorInput, present } from './indicators.js';
import { type BudgetInput, type MeasureInput, mayReview, maySteer, PUBLIC_STATUSES } from './plans.js';
import { synthesisPdf } from './pdf.js';
import { DeploymentPage, PilotsPage, PlanPublicPage } from './views/public.js';
import {
  BudgetPage,
  DeploymentEditPage,
  IndicatorsPage,
  PilotEditPage,
  SynthesisPage,
} from './views/manage.js';
import { type MeasureForm, MeasurePage } from './views/measure.js';
import { PlanPage, PlansPage, type Values } from './views/plan.js';

const page = { hide: true };
const STEER: Role[] = ['coordinator', 'national_admin'];
const PLAN_READERS: Role[] = ['coordinator', 'national_admin', 'collective_member'];
const id = Type.String({ maxLength: 40 });
const Plan = Type.Object({ id });
const Measure = Type.Object({ id, mid: id });
const f = (maxLength: number) => Type.String({ maxLength, default: '' });
const form = <T extends Record<string, TSchema>>(fields: T) =>
  Type.Object({ _csrf: Type.Optional(Type.String()), ...fields });
const MeasureBody = form({
  axisId: f(40),
  parentId: f(40),
  number: f(20),
  title: f(400),
  description: f(10_000),
  lead: f(300),
  partners: f(3000),
  status: f(20),
  progress: f(10),
  weight: f(10),
  startsOn: f(20),
  endsOn: f(20),
});
const AxisBody = form({ number: f(20), title: f(400), description: f(10_000) });
const BudgetBody = form({
  measureId: f(40),
  year: f(6),
  programme: f(200),
  action: f(300),
  level: f(20),
  planned: f(30),
  committed: f(30),
  spent: f(30),
  note: f(3000),
  source: f(600),
});
const IndicatorBody = form({
  measureId: f(40),
  pilotId: f(40),
  code: f(60),
  title: f(400),
  definition: f(5000),
  unit: f(20),
  source: f(40),
  periodFrom: f(20),
  periodTo: f(20),
  baseline: f(30),
  target: f(30),
  manualValue: f(30),
  manualCount: f(30),
});
const RatingBody = form({ rating: f(20), comment: f(4000) });
const ContributionBody = form({ measureId: f(40), axisId: f(40), body: f(6000) });
const AnswerBody = form({ decision: f(20), answer: f(6000) });
const many = Type.Optional(
  Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 5 })]),
);
const DeploymentBody = form({
  commission: f(40),
  commissionNote: f(600),
  parquetOrganisation: f(300),
  flags: many,
});
const PilotBody = form({
  name: f(300),
  description: f(12_000),
  partners: f(3000),
  places: f(600),
  startsOn: f(20),
  endsOn: f(20),
  fundingStatus: f(20),
  fundingNote: f(1200),
  evaluationNotes: f(12_000),
  caseTag: f(60),
});

const translate = (request: FastifyRequest, error: ValidationError): FieldErrors =>
  Object.fromEntries(Object.entries(error.fields).map(([k, key]) => [k, request.t(key)]));
const strip = <T extends { _csrf?: string | undefined }>(body: T): Omit<T, '_csrf'> => {
  const { _csrf, ...rest } = body;
  return rest;
};

/** Runs a form's action; on bad input, renders the page again with the errors and the values typed (422). */
async function attempt(
  request: FastifyRequest,
  reply: FastifyReply,
  action: () => Promise<string>,
  again: (errors: FieldErrors) => Promise<unknown>,
) {
  try {
    const to = await action();
    return reply.flashNext('success', 'steering.saved').redirect(to, 303);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return reply.page((await again(translate(request, error))) as never, 422);
  }
}

/** The public progress page (/plan) and the steering space's plan pages (/pilotage/…). */
export function steeringRoutes(deps: { steering: Steering }) {
  const { plans, indicators, territory, review, library } = deps.steering;
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

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
        plans.budget(chosen.id, null),
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
    app.get(
      '/plan/projets-pilotes',
      { schema: page, config: { access: 'public' } },
      async (request, reply) => {
        const pilots = await territory.pilots();
        const withIndicators = await Promise.all(
          pilots.map(async (pilot) => ({
            pilot,
            indicators: (await indicators.forPilot(pilot.id)).map((r) => present(r, 'public')),
          })),
        );
        return reply.page(PilotsPage({ ctx: request.pageContext(), pilots: withIndicators }));
      },
    );
    app.get(
      '/plan/:slug',
      {
        schema: { ...page, params: Type.Object({ slug: Type.String({ maxLength: 60 }) }) },
        config: { access: 'public' },
      },
      async (request, reply) => reply.page(await publicPlan(request, request.params.slug)),
    );

    // The steering space: plans for the coordination and the collective's associations.
    app.get('/pilotage/plans', { schema: page, config: { access: PLAN_READERS } }, async (request, reply) =>
      reply.page(PlansPage({ ctx: request.pageContext(), plans: await plans.list(request.requireActor()) })),
    );

    async function planPage(
      request: FastifyRequest,
      planId: string,
      form?: { which: 'axis' | 'measure'; values: Values; errors: FieldErrors },
    ) {
      const actor = request.requireActor();
      const outline = await plans.outline(planId, actor);
      const ratings = mayReview(actor) ? await review.ratingsOf(actor, outline.plan.id) : new Map();
      return PlanPage({
        ctx: request.pageContext(),
        outline,
        steer: maySteer(actor),
        review: mayReview(actor) && outline.plan.status !== 'draft',
        ratings,
        form,
      });
    }
    app.get(
      '/pilotage/plans/:id',
      { schema: { ...page, params: Plan }, config: { access: PLAN_READERS } },
      async (request, reply) => reply.page(await planPage(request, request.params.id)),
    );
    app.post(
      '/pilotage/plans/:id/etat',
      { schema: { ...page, params: Plan, body: form({ status: f(20) }) }, config: { access: STEER } },
      async (request, reply) => {
        await plans.setStatus(
          request.requireActor(),
          request.auditContext(),
          request.params.id,
          request.body.status,
        );
        return reply
          .flashNext('success', 'steering.saved')
          .redirect(`/pilotage/plans/${request.params.id}`, 303);
      },
    );
    app.post(
      '/pilotage/plans/:id/axes',
      { schema: { ...page, params: Plan, body: AxisBody }, config: { access: STEER } },
      async (request, reply) =>
        attempt(
          request,
          reply,
          async () => {
            await plans.addAxis(
              request.requireActor(),
              request.auditContext(),
              request.params.id,
              strip(request.body),
            );
            return `/pilotage/plans/${request.params.id}`;
          },
          (errors) => planPage(request, request.params.id, { which: 'axis', values: request.body, errors }),
        ),
    );
    app.post(
      '/pilotage/plans/:id/mesures',
      { schema: { ...page, params: Plan, body: MeasureBody }, config: { access: STEER } },
      async (request, reply) =>
        attempt(
          request,
          reply,
          async () => {
            const mid = await plans.saveMeasure(
              request.requireActor(),
              request.auditContext(),
              request.params.id,
              null,
              strip(request.body) as MeasureInput,
            );
            return `/pilotage/plans/${request.params.id}/mesures/${mid}`;
          },
          (errors) =>
            planPage(request, request.params.id, { which: 'measure', values: request.body, errors }),
        ),
    );

    async function measurePage(
      request: FastifyRequest,
      planId: string,
      measureId: string,
      form?: MeasureForm,
    ) {
      const actor = request.requireActor();
      const detail = await plans.measure(planId, measureId, actor);
      const steer = maySteer(actor);
      const canReview = mayReview(actor) && detail.plan.status !== 'draft';
      const [ratings, contributions, resources] = await Promise.all([
        canReview ? review.ratingsOf(actor, detail.plan.id) : Promise.resolve(new Map()),
        review.contributions(actor, detail.plan.id),
        steer ? library.published() : Promise.resolve([]),
      ]);
      return MeasurePage({
        ctx: request.pageContext(),
        detail,
        steer,
        review: canReview,
        rating: ratings.get(measureId),
        contributions,
        resources,
        form,
      });
    }
    const measureUrl = (p: { id: string; mid: string }) => `/pilotage/plans/${p.id}/mesures/${p.mid}`;
    app.get(
      '/pilotage/plans/:id/mesures/:mid',
      { schema: { ...page, params: Measure }, config: { access: PLAN_READERS } },
      async (request, reply) => reply.page(await measurePage(request, request.params.id, request.params.mid)),
    );
    app.post(
      '/pilotage/plans/:id/mesures/:mid',
      { schema: { ...page, params: Measure, body: MeasureBody }, config: { access: STEER } },
      async (request, reply) =>
        attempt(
          request,
          reply,
          async () => {
            await plans.saveMeasure(
              request.requireActor(),
              request.auditContext(),
              request.params.id,
              request.params.mid,
              strip(request.body) as MeasureInput,
            );
            return measureUrl(request.params);
          },
          (errors) =>
            measurePage(request, request.params.id, request.params.mid, {
              which: 'measure',
              values: request.body,
              errors,
            }),
        ),
    );
    app.post(
      '/pilotage/plans/:id/mesures/:mid/jalons',
      {
        schema: { ...page, params: Measure, body: form({ title: f(400), dueOn: f(20), doneOn: f(20) }) },
        config: { access: STEER },
      },
      async (request, reply) =>
        attempt(
          request,
          reply,
          async () => {
            await plans.addMilestone(
              request.requireActor(),
              request.auditContext(),
              request.params.id,
              request.params.mid,
              strip(request.body),
            );
            return measureUrl(request.params);
          },
          (errors) =>
            measurePage(request, request.params.id, request.params.mid, {
              which: 'milestone',
              values: request.body,
              errors,
            }),
        ),
    );
    app.post(
      '/pilotage/plans/:id/mesures/:mid/ressources',
      { schema: { ...page, params: Measure, body: form({ resourceId: f(40) }) }, config: { access: STEER } },
      async (request, reply) =>
        attempt(
          request,
          reply,
          async () => {
            await plans.linkResource(
              request.requireActor(),
              request.auditContext(),
              request.params.id,
              request.params.mid,
              request.body.resourceId,
            );
            return measureUrl(request.params);
          },
          (errors) =>
            measurePage(request, request.params.id, request.params.mid, {
              which: 'resource',
              values: request.body,
              errors,
            }),
        ),
    );
    app.post(
      '/pilotage/plans/:id/mesures/:mid/avis',
      { schema: { ...page, params: Measure, body: RatingBody }, config: { access: ['collective_member'] } },
      async (request, reply) =>
        attempt(
          request,
          reply,
          async () => {
            await review.rate(
              request.requireActor(),
              request.auditContext(),
              request.params.id,
              request.params.mid,
              strip(request.body),
            );
            return measureUrl(request.params);
          },
          (errors) =>
            measurePage(request, request.params.id, request.params.mid, {
              which: 'rating',
              values: request.body,
              errors,
            }),
        ),
    );
    app.post(
      '/pilotage/plans/:id/contributions',
      {
        schema: { ...page, params: Plan, body: ContributionBody },
        config: { access: ['collective_member'] },
      },
      async (request, reply) =>
        attempt(
          request,
          reply,
          async () => {
            await review.contribute(
              request.requireActor(),
              request.auditContext(),
              request.params.id,
              strip(request.body),
            );
            return request.body.measureId
              ? `/pilotage/plans/${request.params.id}/mesures/${request.body.measureId}`
              : `/pilotage/plans/${request.params.id}`;
          },
          (errors) =>
            request.body.measureId
              ? measurePage(request, request.params.id, request.body.measureId, {
                  which: 'contribution',
                  values: request.body,
                  errors,
                })
              : planPage(request, request.params.id),
        ),
    );
    app.post(
      '/pilotage/plans/:id/contributions/:cid/reponse',
      {
        schema: { ...page, params: Type.Object({ id, cid: id }), body: AnswerBody },
        config: { access: STEER },
      },
      async (request, reply) => {
        const actor = request.requireActor();
        if (!maySteer(actor)) throw new ForbiddenError();
        const all = await review.contributions(actor, request.params.id);
        const contribution = all.find((c) => c.id === request.params.cid);
        if (!contribution) throw new NotFoundError();
        const back = contribution.measure_id
          ? `/pilotage/plans/${request.params.id}/mesures/${contribution.measure_id}`
          : `/pilotage/plans/${request.params.id}`;
        return attempt(
          request,
          reply,
          async () => {
            await review.answer(
              actor,
              request.auditContext(),
              request.params.id,
              request.params.cid,
              strip(request.body),
            );
            return back;
          },
          (errors) =>
            contribution.measure_id
              ? measurePage(request, request.params.id, contribution.measure_id, {
                  which: 'answer',
                  values: request.body,
                  errors,
                  contributionId: contribution.id,
                })
              : planPage(request, request.params.id),
        );
      },
    );

    async function budgetPage(
      request: FastifyRequest,
      planId: string,
      form?: { values: Values; errors: FieldErrors },
    ) {
      const actor = request.requireActor();
      const [outline, lines] = await Promise.all([plans.outline(planId, actor), plans.budget(planId, actor)]);
      return BudgetPage({ ctx: request.pageContext(), outline, lines, steer: maySteer(actor), form });
    }
    app.get(
      '/pilotage/plans/:id/budget',
      { schema: { ...page, params: Plan }, config: { access: PLAN_READERS } },
      async (request, reply) => reply.page(await budgetPage(request, request.params.id)),
    );
    app.post(
      '/pilotage/plans/:id/budget',
      { schema: { ...page, params: Plan, body: BudgetBody }, config: { access: STEER } },
      async (request, reply) =>
        attempt(
          request,
          reply,
          async () => {
            await plans.addBudgetLine(
              request.requireActor(),
              request.auditContext(),
              request.params.id,
              strip(request.body) as BudgetInput,
            );
            return `/pilotage/plans/${request.params.id}/budget`;
          },
          (errors) => budgetPage(request, request.params.id, { values: request.body, errors }),
        ),
    );

    async function indicatorsPage(
      request: FastifyRequest,
      planId: string,
      form?: { values: Values; errors: FieldErrors },
    ) {
      const actor = request.requireActor();
      const outline = await plans.outline(planId, actor);
      const [rows, pilots] = await Promise.all([indicators.list(outline.plan.id), territory.pilots()]);
      return IndicatorsPage({
        ctx: request.pageContext(),
        outline,
        indicators: rows.map((r) => present(r, 'steering')),
        pilots,
        steer: maySteer(actor),
        form,
      });
    }
    app.get(
      '/pilotage/plans/:id/indicateurs',
      { schema: { ...page, params: Plan }, config: { access: PLAN_READERS } },
      async (request, reply) => reply.page(await indicatorsPage(request, request.params.id)),
    );
    app.post(
      '/pilotage/plans/:id/indicateurs',
      { schema: { ...page, params: Plan, body: IndicatorBody }, config: { access: STEER } },
      async (request, reply) =>
        attempt(
          request,
          reply,
          async () => {
            if (!maySteer(request.requireActor())) throw new ForbiddenError();
            const plan = await plans.plan(request.params.id, request.requireActor());
            await indicators.save(
              request.requireActor(),
              request.auditContext(),
              plan.id,
              null,
              strip(request.body) as IndicatorInput,
            );
            return `/pilotage/plans/${plan.id}/indicateurs`;
          },
          (errors) => indicatorsPage(request, request.params.id, { values: request.body, errors }),
        ),
    );
    app.post(
      '/pilotage/plans/:id/indicateurs/recalcul',
      { schema: { ...page, params: Plan, body: form({}) }, config: { access: STEER } },
      async (request, reply) => {
        const actor = request.requireActor();
        if (!maySteer(actor)) throw new ForbiddenError();
        const plan = await plans.plan(request.params.id, actor);
        await indicators.refresh(plan.id);
        return reply
          .flashNext('success', 'steering.indicators.refreshed')
          .redirect(`/pilotage/plans/${plan.id}/indicateurs`, 303);
      },
    );

    app.get(
      '/pilotage/plans/:id/synthese',
      { schema: { ...page, params: Plan }, config: { access: STEER } },
      async (request, reply) => {
        const actor = request.requireActor();
        const { rows, organisations } = await review.synthesis(actor, request.params.id);
        const outline = await plans.outline(request.params.id, actor);
        return reply.page(SynthesisPage({ ctx: request.pageContext(), outline, rows, organisations }));
      },
    );
    app.get(
      '/pilotage/plans/:id/synthese/pdf',
      { schema: { ...page, params: Plan }, config: { access: STEER } },
      async (request, reply) => {
        const actor = request.requireActor();
        const { rows, organisations } = await review.synthesis(actor, request.params.id);
        const plan = await plans.plan(request.params.id, actor);
        const t = request.t;
        const pdf = await synthesisPdf({
          rows,
          texts: {
            title: t('steering.synthesis.title'),
            subtitle: plan.title,
            generated: t('steering.synthesis.lead', { count: organisations }),
            keep: t('steering.ratings.keep'),
            improve: t('steering.ratings.improve'),
            drop: t('steering.ratings.drop'),
            none: t('steering.synthesis.noComment'),
            rating: (r) => t(`steering.ratings.${r}`),
          },
        });
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="synthese-${plan.slug}.pdf"`)
          .header('cache-control', 'private, no-store')
          .send(pdf);
      },
    );

    // Departmental deployment: every coordinator reads; each edits the départements of its scope.
    app.get('/pilotage/deploiement', { schema: page, config: { access: STEER } }, async (request, reply) => {
      const actor = request.requireActor();
      return reply.page(
        DeploymentPage({
          ctx: request.pageContext(),
          rows: await territory.deployment(),
          editable: (code) => territory.mayEditDepartement(actor, code),
        }),
      );
    });
    const Code = Type.Object({ code: Type.String({ pattern: '^(\\d{2,3}|2[AB])$' }) });
    const deploymentRow = async (code: string) => {
      const row = (await territory.deployment()).find((r) => r.code === code);
      if (!row) throw new NotFoundError();
      return row;
    };
    app.get(
      '/pilotage/deploiement/:code',
      { schema: { ...page, params: Code }, config: { access: STEER } },
      async (request, reply) => {
        const row = await deploymentRow(request.params.code);
        if (!territory.mayEditDepartement(request.requireActor(), row.code)) throw new ForbiddenError();
        return reply.page(DeploymentEditPage({ ctx: request.pageContext(), row }));
      },
    );
    app.post(
      '/pilotage/deploiement/:code',
      { schema: { ...page, params: Code, body: DeploymentBody }, config: { access: STEER } },
      async (request, reply) => {
        const flags =
          request.body.flags === undefined
            ? []
            : Array.isArray(request.body.flags)
              ? request.body.flags
              : [request.body.flags];
        const row = await deploymentRow(request.params.code);
        return attempt(
          request,
          reply,
          async () => {
            await territory.saveDeployment(request.requireActor(), request.auditContext(), row.code, {
              commission: request.body.commission,
              commissionNote: request.body.commissionNote,
              parquetOrganisation: request.body.parquetOrganisation,
              parquetReferent: flags.includes('parquetReferent'),
              minorsCircuit: flags.includes('minorsCircuit'),
            });
            return '/pilotage/deploiement';
          },
          async (errors) =>
            DeploymentEditPage({
              ctx: request.pageContext(),
              row,
              form: {
                values: {
                  ...request.body,
                  flags: undefined,
                  parquetReferent: flags.includes('parquetReferent') ? 'yes' : undefined,
                  minorsCircuit: flags.includes('minorsCircuit') ? 'yes' : undefined,
                },
                errors,
              },
            }),
        );
      },
    );

    const Slug = Type.Object({ slug: Type.String({ maxLength: 60 }) });
    const pilotPage = async (
      request: FastifyRequest,
      slug: string,
      form?: { values: Values; errors: FieldErrors },
    ) => {
      const pilot = await territory.pilot(slug);
      const rows = await indicators.forPilot(pilot.id);
      return PilotEditPage({
        ctx: request.pageContext(),
        pilot,
        indicators: rows.map((r) => present(r, 'steering')),
        form,
      });
    };
    app.get(
      '/pilotage/projets-pilotes/:slug',
      { schema: { ...page, params: Slug }, config: { access: STEER } },
      async (request, reply) => {
        if (!maySteer(request.requireActor())) throw new ForbiddenError();
        return reply.page(await pilotPage(request, request.params.slug));
      },
    );
    app.post(
      '/pilotage/projets-pilotes/:slug',
      { schema: { ...page, params: Slug, body: PilotBody }, config: { access: STEER } },
      async (request, reply) =>
        attempt(
          request,
          reply,
          async () => {
            await territory.savePilot(
              request.requireActor(),
              request.auditContext(),
              request.params.slug,
              strip(request.body),
            );
            return `/pilotage/projets-pilotes/${request.params.slug}`;
          },
          (errors) => pilotPage(request, request.params.slug, { values: request.body, errors }),
        ),
    );
  };
}

export { PUBLIC_STATUSES };
