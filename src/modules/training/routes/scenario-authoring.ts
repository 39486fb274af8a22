import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { Training } from '../index.js';
import { TRAINERS } from '../reference.js';
import { ScenarioGraphError } from '../scenario-authoring.js';
import { AuthoringPage, TrainerListPage } from '../views/scenario-authoring.js';
import type { AuthoringForm, Values } from '../views/scenario-fields.js';
import { authoringHref, stepHref, TRAINER_HOME } from '../views/scenario-shared.js';
import { StepEditPage } from '../views/scenario-step.js';
import {
  ChoiceBody,
  ChoiceParams,
  CreateBody,
  Csrf,
  DetailsBody,
  NewStepBody,
  page,
  ScenarioParams,
  StepBody,
  StepParams,
  strip,
  translate,
} from './scenario-forms.js';

/** Trainers (and the national administration) write scenarios in the browser, check them and publish them. */
export function scenarioAuthoringRoutes(base: FastifyInstance, training: Training): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { authoring } = training.scenarios;
  const config = { access: TRAINERS };

  const formOf = (
    request: FastifyRequest,
    error: ValidationError,
    which: string,
    values: Values,
  ): AuthoringForm => ({
    which,
    values,
    errors: translate(request, error),
    ...(error instanceof ScenarioGraphError ? { problems: error.problems } : {}),
  });

  async function scenarioPage(request: FastifyRequest, id: string, form?: AuthoringForm) {
    const loaded = await authoring.load(request.requireActor(), id);
    return AuthoringPage({ ctx: request.pageContext(), loaded, ...(form ? { form } : {}) });
  }

  async function stepPage(request: FastifyRequest, id: string, key: string, form?: AuthoringForm) {
    const loaded = await authoring.load(request.requireActor(), id);
    if (!loaded.steps.some((s) => s.key === key)) return scenarioPage(request, id, form);
    return StepEditPage({ ctx: request.pageContext(), loaded, stepKey: key, ...(form ? { form } : {}) });
  }

  /**
   * Runs a change and goes to `to` with a confirmation; bad input or a change that would break the scenario
   * renders `again` with the values typed and the errors (422).
   */
  async function attempt(
    reply: FastifyReply,
    action: () => Promise<string>,
    saved: string,
    again: (error: ValidationError) => Promise<unknown>,
  ) {
    try {
      const to = await action();
      return reply.flashNext('success', saved).redirect(to, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.page((await again(error)) as never, 422);
    }
  }

  async function listPage(request: FastifyRequest, form?: { values: Values; errors: FieldErrors }) {
    const scenarios = await authoring.all(request.requireActor());
    return TrainerListPage({ ctx: request.pageContext(), scenarios, ...(form ? { form } : {}) });
  }

  app.get(TRAINER_HOME, { schema: page, config }, async (request, reply) =>
    reply.page(await listPage(request)),
  );

  app.post(TRAINER_HOME, { schema: { ...page, body: CreateBody }, config }, async (request, reply) =>
    attempt(
      reply,
      async () =>
        authoringHref(
          await authoring.create(request.requireActor(), request.auditContext(), strip(request.body)),
        ),
      'training.scenarios.saved.created',
      async (error) => listPage(request, { values: request.body, errors: translate(request, error) }),
    ),
  );

  app.get(
    `${TRAINER_HOME}/:id`,
    { schema: { ...page, params: ScenarioParams }, config },
    async (request, reply) => reply.page(await scenarioPage(request, request.params.id)),
  );

  app.post(
    `${TRAINER_HOME}/:id`,
    { schema: { ...page, params: ScenarioParams, body: DetailsBody }, config },
    async (request, reply) => {
      const { id } = request.params;
      return attempt(
        reply,
        async () => {
          await authoring.update(request.requireActor(), request.auditContext(), id, strip(request.body));
          return authoringHref(id);
        },
        'training.scenarios.saved.details',
        (error) => scenarioPage(request, id, formOf(request, error, 'details', request.body)),
      );
    },
  );

  app.post(
    `${TRAINER_HOME}/:id/publication`,
    { schema: { ...page, params: ScenarioParams, body: Csrf }, config },
    async (request, reply) => {
      const { id } = request.params;
      return attempt(
        reply,
        async () => {
          await authoring.publish(request.requireActor(), request.auditContext(), id);
          return authoringHref(id);
        },
        'training.scenarios.saved.published',
        (error) => scenarioPage(request, id, formOf(request, error, 'publish', {})),
      );
    },
  );

  app.post(
    `${TRAINER_HOME}/:id/brouillon`,
    { schema: { ...page, params: ScenarioParams, body: Csrf }, config },
    async (request, reply) => {
      await authoring.unpublish(request.requireActor(), request.auditContext(), request.params.id);
      return reply
        .flashNext('success', 'training.scenarios.saved.draft')
        .redirect(authoringHref(request.params.id), 303);
    },
  );

  app.post(
    `${TRAINER_HOME}/:id/etapes`,
    { schema: { ...page, params: ScenarioParams, body: NewStepBody }, config },
    async (request, reply) => {
      const { id } = request.params;
      return attempt(
        reply,
        async () =>
          stepHref(
            id,
            await authoring.addStep(request.requireActor(), request.auditContext(), id, strip(request.body)),
          ),
        'training.scenarios.saved.step',
        (error) => scenarioPage(request, id, formOf(request, error, 'step', request.body)),
      );
    },
  );

  app.get(
    `${TRAINER_HOME}/:id/etapes/:key`,
    { schema: { ...page, params: StepParams }, config },
    async (request, reply) => {
      const { id, key } = request.params;
      const loaded = await authoring.load(request.requireActor(), id);
      if (!loaded.steps.some((s) => s.key === key)) throw new NotFoundError();
      return reply.page(StepEditPage({ ctx: request.pageContext(), loaded, stepKey: key }));
    },
  );

  app.post(
    `${TRAINER_HOME}/:id/etapes/:key`,
    { schema: { ...page, params: StepParams, body: StepBody }, config },
    async (request, reply) => {
      const { id, key } = request.params;
      return attempt(
        reply,
        async () => {
          await authoring.updateStep(
            request.requireActor(),
            request.auditContext(),
            id,
            key,
            strip(request.body),
          );
          return stepHref(id, key);
        },
        'training.scenarios.saved.step',
        (error) => stepPage(request, id, key, formOf(request, error, 'step', request.body)),
      );
    },
  );

  app.post(
    `${TRAINER_HOME}/:id/etapes/:key/suppression`,
    { schema: { ...page, params: StepParams, body: Csrf }, config },
    async (request, reply) => {
      const { id, key } = request.params;
      return attempt(
        reply,
        async () => {
          await authoring.deleteStep(request.requireActor(), request.auditContext(), id, key);
          return authoringHref(id);
        },
        'training.scenarios.saved.stepDeleted',
        (error) => stepPage(request, id, key, formOf(request, error, 'delete', {})),
      );
    },
  );

  app.post(
    `${TRAINER_HOME}/:id/etapes/:key/choix`,
    { schema: { ...page, params: StepParams, body: ChoiceBody }, config },
    async (request, reply) => {
      const { id, key } = request.params;
      return attempt(
        reply,
        async () => {
          await authoring.addChoice(
            request.requireActor(),
            request.auditContext(),
            id,
            key,
            strip(request.body),
          );
          return stepHref(id, key);
        },
        'training.scenarios.saved.choice',
        (error) => stepPage(request, id, key, formOf(request, error, 'newChoice', request.body)),
      );
    },
  );

  app.post(
    `${TRAINER_HOME}/:id/choix/:choiceId`,
    { schema: { ...page, params: ChoiceParams, body: ChoiceBody }, config },
    async (request, reply) => {
      const { id, choiceId } = request.params;
      return attempt(
        reply,
        async () =>
          stepHref(
            id,
            await authoring.updateChoice(
              request.requireActor(),
              request.auditContext(),
              id,
              choiceId,
              strip(request.body),
            ),
          ),
        'training.scenarios.saved.choice',
        async (error) => {
          const loaded = await authoring.load(request.requireActor(), id);
          const key = loaded.choices.find((c) => c.id === choiceId)?.step_key ?? '';
          return stepPage(request, id, key, formOf(request, error, choiceId, request.body));
        },
      );
    },
  );

  app.post(
    `${TRAINER_HOME}/:id/choix/:choiceId/suppression`,
    { schema: { ...page, params: ChoiceParams, body: Csrf }, config },
    async (request, reply) => {
      const { id, choiceId } = request.params;
      return attempt(
        reply,
        async () =>
          stepHref(
            id,
            await authoring.deleteChoice(request.requireActor(), request.auditContext(), id, choiceId),
          ),
        'training.scenarios.saved.choiceDeleted',
        async (error) => {
          const loaded = await authoring.load(request.requireActor(), id);
          const key = loaded.choices.find((c) => c.id === choiceId)?.step_key ?? '';
          return stepPage(request, id, key, formOf(request, error, 'delete', {}));
        },
      );
    },
  );
}
