import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../platform/http/errors.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { Training } from '../index.js';
import { LessonPage, ModulePage } from '../views/learning.js';
import { type QuizForm, QuizPage, ResultPage } from '../views/quiz.js';
import { learningContentRoutes } from './learning-content.js';

const page = { hide: true };
const slug = Type.String({ maxLength: 80 });
const Module = Type.Object({ slug });
const Lesson = Type.Object({ slug, position: Type.Integer({ minimum: 1, maximum: 10_000 }) });
const Attempt = Type.Object({ slug, attemptId: Type.String({ maxLength: 40 }) });
const Csrf = Type.Object({ _csrf: Type.Optional(Type.String()) });
/** The quiz's answers come as `q-<question id>` fields: one value (radio) or several (checkboxes). */
const choice = Type.String({ maxLength: 40 });
const QuizBody = Type.Object(
  {
    _csrf: Type.Optional(Type.String()),
    category: Type.String({ maxLength: 40, default: '' }),
    departementCode: Type.String({ maxLength: 10, default: '' }),
  },
  { additionalProperties: Type.Union([choice, Type.Array(choice, { maxItems: 20 })]), maxProperties: 120 },
);

const translate = (request: FastifyRequest, error: ValidationError): FieldErrors =>
  Object.fromEntries(Object.entries(error.fields).map(([k, key]) => [k, request.t(key)]));

/** Distance learning for any signed-in professional: the module's outline, its lessons, its quiz and results. */
export function learningRoutes(base: FastifyInstance, training: Training): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { learning } = training;

  app.get(
    '/formations/:slug/cours',
    { schema: { ...page, params: Module }, config: { access: 'authenticated' } },
    async (request, reply) => {
      const outline = await learning.outline(request.requireActor(), request.params.slug);
      return reply.page(ModulePage({ ctx: request.pageContext(), outline }));
    },
  );

  app.get(
    '/formations/:slug/cours/:position',
    { schema: { ...page, params: Lesson }, config: { access: 'authenticated' } },
    async (request, reply) => {
      const view = await learning.lesson(request.requireActor(), request.params.slug, request.params.position);
      return reply.page(LessonPage({ ctx: request.pageContext(), view }));
    },
  );

  // Read: on to the next lesson; after the last one, to the quiz (or the outline once passed or complete).
  app.post(
    '/formations/:slug/cours/:position',
    { schema: { ...page, params: Lesson, body: Csrf }, config: { access: 'authenticated' } },
    async (request, reply) => {
      const actor = request.requireActor();
      const { slug: s, position } = request.params;
      const { next, certificateId } = await learning.markRead(actor, s, position);
      if (next !== null) return reply.redirect(`/formations/${s}/cours/${next}`, 303);
      if (certificateId) return reply.flashNext('success', 'training.learning.saved.certificate').redirect(`/formations/${s}/cours`, 303);
      const outline = await learning.outline(actor, s);
      if (outline.questionCount === 0 || outline.passed) return reply.redirect(`/formations/${s}/cours`, 303);
      const attemptId = outline.openAttempt ?? (await learning.start(actor, s));
      return reply.redirect(`/formations/${s}/quiz/${attemptId}`, 303);
    },
  );

  app.post(
    '/formations/:slug/quiz',
    { schema: { ...page, params: Module, body: Csrf }, config: { access: 'authenticated' } },
    async (request, reply) => {
      const attemptId = await learning.start(request.requireActor(), request.params.slug);
      return reply.redirect(`/formations/${request.params.slug}/quiz/${attemptId}`, 303);
    },
  );

  async function attemptPage(request: FastifyRequest, s: string, attemptId: string, form?: QuizForm) {
    const actor = request.requireActor();
    const { course, attempt, questions, passMark } = await learning.attempt(actor, s, attemptId);
    const ctx = request.pageContext();
    if (attempt.submitted_at) {
      const [certificate, unread] = await Promise.all([learning.certificateOf(actor, course.id), learning.unreadLessons(actor, course.id)]);
      return ResultPage({ ctx, course, attempt, questions, passMark, certificateId: certificate?.id ?? null, unread });
    }
    const departements = await learning.departements();
    return QuizPage({ ctx, course, attemptId: attempt.id, questions, passMark, departements, ...(form ? { form } : {}) });
  }

  // Not submitted yet: the questions; submitted: the result (a link kept or shared leads back to it).
  app.get(
    '/formations/:slug/quiz/:attemptId',
    { schema: { ...page, params: Attempt }, config: { access: 'authenticated' } },
    async (request, reply) => reply.page(await attemptPage(request, request.params.slug, request.params.attemptId)),
  );

  app.post(
    '/formations/:slug/quiz/:attemptId',
    { schema: { ...page, params: Attempt, body: QuizBody }, config: { access: 'authenticated' } },
    async (request, reply) => {
      const { slug: s, attemptId } = request.params;
      const body = request.body as Record<string, string | string[] | undefined>;
      const answers: Record<string, string[]> = {};
      for (const [key, value] of Object.entries(body)) {
        if (key.startsWith('q-') && value !== undefined) answers[key.slice(2)] = [value].flat();
      }
      const input = { answers, category: request.body.category, departementCode: request.body.departementCode };
      try {
        await learning.submit(request.requireActor(), s, attemptId, input);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return reply.page(await attemptPage(request, s, attemptId, { ...input, errors: translate(request, error) }), 422);
      }
      return reply.redirect(`/formations/${s}/quiz/${attemptId}`, 303);
    },
  );

  learningContentRoutes(base, training);
}
