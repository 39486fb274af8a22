import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../../platform/http/errors.js';
import type { Steering } from '../index.js';
import type { MeasureInput } from '../measures.js';
import { mayReview, maySteer } from '../plans.js';
import { type MeasureForm, MeasurePage } from '../views/measure.js';
import { type PlanForm, PlanPage, PlansPage } from '../views/plan.js';
import { attempt, f, form, id, Measure, Plan, PLAN_READERS, page, STEER, strip } from './forms.js';

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
const RatingBody = form({ rating: f(20), comment: f(4000) });
const ContributionBody = form({ measureId: f(40), axisId: f(40), body: f(6000) });
const AnswerBody = form({ decision: f(20), answer: f(6000) });

/** The steering space's plans: axes, measures, milestones, resources, the associations' ratings and contributions. */
export function planRoutes(base: FastifyInstance, steering: Steering) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { plans, measures, review, library } = steering;

  // The steering space: plans for the coordination and the collective's associations.
  app.get('/pilotage/plans', { schema: page, config: { access: PLAN_READERS } }, async (request, reply) => {
    const actor = request.requireActor();
    return reply.page(
      PlansPage({ ctx: request.pageContext(), plans: await plans.list(actor), steer: maySteer(actor) }),
    );
  });
  app.post(
    '/pilotage/plans',
    {
      schema: {
        ...page,
        body: form({ title: f(400), periodStart: f(6), periodEnd: f(6), summary: f(6000) }),
      },
      config: { access: STEER },
    },
    async (request, reply) =>
      attempt(
        request,
        reply,
        async () =>
          `/pilotage/plans/${await plans.create(request.requireActor(), request.auditContext(), strip(request.body))}`,
        async (errors) =>
          PlansPage({
            ctx: request.pageContext(),
            plans: await plans.list(request.requireActor()),
            steer: true,
            form: { values: request.body, errors },
          }),
      ),
  );

  async function planPage(request: FastifyRequest, planId: string, form?: PlanForm) {
    const actor = request.requireActor();
    const outline = await plans.outline(planId, actor);
    const [ratings, contributions] = await Promise.all([
      mayReview(actor) ? review.ratingsOf(actor, outline.plan.id) : Promise.resolve(new Map()),
      review.contributions(actor, outline.plan.id),
    ]);
    return PlanPage({
      ctx: request.pageContext(),
      outline,
      steer: maySteer(actor),
      review: mayReview(actor) && outline.plan.status !== 'draft',
      ratings,
      contributions,
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
          const mid = await measures.save(
            request.requireActor(),
            request.auditContext(),
            request.params.id,
            null,
            strip(request.body) as MeasureInput,
          );
          return `/pilotage/plans/${request.params.id}/mesures/${mid}`;
        },
        (errors) => planPage(request, request.params.id, { which: 'measure', values: request.body, errors }),
      ),
  );

  async function measurePage(request: FastifyRequest, planId: string, measureId: string, form?: MeasureForm) {
    const actor = request.requireActor();
    const detail = await measures.detail(planId, measureId, actor);
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
          await measures.save(
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
          await measures.addMilestone(
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
          await measures.linkResource(
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
            : planPage(request, request.params.id, { which: 'contribution', values: request.body, errors }),
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
            : planPage(request, request.params.id, {
                which: 'answer',
                values: request.body,
                errors,
                contributionId: contribution.id,
              }),
      );
    },
  );
}
