import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ConflictError, ValidationError } from '../../../platform/http/errors.js';
import type { Training } from '../index.js';
import { ScenarioDebriefPage } from '../views/scenario-debrief.js';
import {
  ScenarioIntroPage,
  ScenarioListPage,
  ScenarioStepPage,
  type StepForm,
} from '../views/scenario-play.js';
import { debriefHref, runHref } from '../views/scenario-shared.js';
import { translate } from './scenario-forms.js';

const page = { hide: true };
const Slug = Type.Object({ slug: Type.String({ maxLength: 80 }) });
const Run = Type.Object({ id: Type.String({ maxLength: 40 }) });
const Csrf = Type.Object({ _csrf: Type.Optional(Type.String()) });
const ChoiceBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  step: Type.String({ maxLength: 40, default: '' }),
  choice: Type.String({ maxLength: 40, default: '' }),
});

/** Case exercises for any signed-in professional: the list, an exercise's introduction, its steps, the debrief. */
export function scenarioPlayRoutes(base: FastifyInstance, training: Training): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { play } = training.scenarios;

  app.get(
    '/formations/exercices',
    { schema: page, config: { access: 'authenticated' } },
    async (request, reply) => {
      const [scenarios, runs] = await Promise.all([play.published(), play.runs(request.requireActor())]);
      return reply.page(ScenarioListPage({ ctx: request.pageContext(), scenarios, runs }));
    },
  );

  app.get(
    '/formations/exercices/:slug',
    { schema: { ...page, params: Slug }, config: { access: 'authenticated' } },
    async (request, reply) => {
      const intro = await play.intro(request.params.slug);
      const runs = await play.runs(request.requireActor(), intro.scenario.id);
      return reply.page(ScenarioIntroPage({ ctx: request.pageContext(), intro, runs }));
    },
  );

  app.post(
    '/formations/exercices/:slug',
    { schema: { ...page, params: Slug, body: Csrf }, config: { access: 'authenticated' } },
    async (request, reply) => {
      const id = await play.start(request.requireActor(), request.params.slug);
      return reply.redirect(runHref(id), 303);
    },
  );

  async function stepPage(request: FastifyRequest, id: string, form?: StepForm) {
    const view = await play.view(request.requireActor(), id);
    return ScenarioStepPage({ ctx: request.pageContext(), view, ...(form ? { form } : {}) });
  }

  // A finished run's address leads to its debrief (a bookmark, the back button).
  app.get(
    '/formations/exercices/parcours/:id',
    { schema: { ...page, params: Run }, config: { access: 'authenticated' } },
    async (request, reply) => {
      const view = await play.view(request.requireActor(), request.params.id);
      if (view.run.finished_at) return reply.redirect(debriefHref(view.run.id), 303);
      return reply.page(ScenarioStepPage({ ctx: request.pageContext(), view }));
    },
  );

  // A refused answer shows the run where it stands, with why: 409 for a stale page or a choice of another step.
  app.post(
    '/formations/exercices/parcours/:id',
    { schema: { ...page, params: Run, body: ChoiceBody }, config: { access: 'authenticated' } },
    async (request, reply) => {
      const { id } = request.params;
      try {
        const { finished } = await play.choose(request.requireActor(), id, {
          step: request.body.step,
          choice: request.body.choice,
        });
        return reply.redirect(finished ? debriefHref(id) : runHref(id), 303);
      } catch (error) {
        if (error instanceof ValidationError)
          return reply.page(await stepPage(request, id, { errors: translate(request, error) }), 422);
        if (error instanceof ConflictError)
          return reply.page(await stepPage(request, id, { refused: request.t(error.messageKey) }), 409);
        throw error;
      }
    },
  );

  app.get(
    '/formations/exercices/parcours/:id/bilan',
    { schema: { ...page, params: Run }, config: { access: 'authenticated' } },
    async (request, reply) => {
      try {
        const result = await play.debrief(request.requireActor(), request.params.id);
        return reply.page(ScenarioDebriefPage({ ctx: request.pageContext(), result }));
      } catch (error) {
        if (error instanceof ConflictError) return reply.redirect(runHref(request.params.id), 303);
        throw error;
      }
    },
  );
}
