import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../../platform/http/errors.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { BudgetInput } from '../budget.js';
import type { Steering } from '../index.js';
import { type IndicatorInput, present } from '../indicators.js';
import { synthesisPdf } from '../pdf.js';
import { maySteer } from '../plans.js';
import { BudgetPage } from '../views/budget.js';
import { IndicatorsPage, SynthesisPage } from '../views/indicators.js';
import type { Values } from '../views/plan.js';
import { DeploymentPage } from '../views/public.js';
import { DeploymentEditPage, PilotEditPage, PilotsAdminPage } from '../views/territory.js';
import { attempt, f, form, Plan, PLAN_READERS, page, STEER, strip } from './forms.js';

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

/** Managing a plan: budget, indicators, the review's synthesis (and its PDF), departmental deployment, pilots. */
export function manageRoutes(base: FastifyInstance, steering: Steering) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { plans, budget, indicators, territory, review } = steering;

  async function budgetPage(
    request: FastifyRequest,
    planId: string,
    form?: { values: Values; errors: FieldErrors },
  ) {
    const actor = request.requireActor();
    const [outline, lines] = await Promise.all([plans.outline(planId, actor), budget.lines(planId, actor)]);
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
          await budget.addLine(
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
  const adminPage = async (request: FastifyRequest, form?: { values: Values; errors: FieldErrors }) =>
    PilotsAdminPage({ ctx: request.pageContext(), pilots: await territory.pilots(), form });
  app.get(
    '/pilotage/projets-pilotes',
    { schema: page, config: { access: STEER } },
    async (request, reply) => {
      if (!maySteer(request.requireActor())) throw new ForbiddenError();
      return reply.page(await adminPage(request));
    },
  );
  app.post(
    '/pilotage/projets-pilotes',
    { schema: { ...page, body: PilotBody }, config: { access: STEER } },
    async (request, reply) =>
      attempt(
        request,
        reply,
        async () =>
          `/pilotage/projets-pilotes/${await territory.createPilot(request.requireActor(), request.auditContext(), strip(request.body))}`,
        (errors) => adminPage(request, { values: request.body, errors }),
      ),
  );
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
}
