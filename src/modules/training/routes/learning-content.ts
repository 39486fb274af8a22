import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../platform/http/errors.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { Training } from '../index.js';
import { TRAINERS } from '../reference.js';
import { type ContentForm, ContentPage, LessonEditPage } from '../views/learning-content.js';

const page = { hide: true };
const slug = Type.String({ maxLength: 80 });
const id = Type.String({ maxLength: 40 });
const Module = Type.Object({ slug });
const LessonParams = Type.Object({ slug, lessonId: id });
const QuestionParams = Type.Object({ slug, questionId: id });
const f = (maxLength: number) => Type.String({ maxLength, default: '' });
const Csrf = Type.Object({ _csrf: Type.Optional(Type.String()) });
const LessonBody = Type.Object({ _csrf: Type.Optional(Type.String()), title: f(300), body: f(60_000) });
const QuestionBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  text: f(2000),
  kind: f(20),
  choices: f(5000),
  explanation: f(4000),
});
const PassMarkBody = Type.Object({ _csrf: Type.Optional(Type.String()), passMark: f(10) });

const translate = (request: FastifyRequest, error: ValidationError): FieldErrors =>
  Object.fromEntries(Object.entries(error.fields).map(([k, key]) => [k, request.t(key)]));

/** Trainers write a distance module: its lessons (markdown), its quiz and its pass mark. */
export function learningContentRoutes(base: FastifyInstance, training: Training): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const content = training.learning.content;
  const home = (s: string) => `/pro/formations/${s}/contenu`;

  async function contentPage(request: FastifyRequest, s: string, form?: ContentForm) {
    return ContentPage({
      ctx: request.pageContext(),
      content: await content.content(request.requireActor(), s),
      ...(form ? { form } : {}),
    });
  }

  /** Runs a change; bad input shows the page again with the form's values and errors (422). */
  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    s: string,
    which: ContentForm['which'],
    values: Record<string, string | undefined>,
    action: () => Promise<void>,
    saved: string,
  ) {
    try {
      await action();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.page(
        await contentPage(request, s, { which, values, errors: translate(request, error) }),
        422,
      );
    }
    return reply.flashNext('success', saved).redirect(home(s), 303);
  }

  app.get(
    '/pro/formations/:slug/contenu',
    { schema: { ...page, params: Module }, config: { access: TRAINERS } },
    async (request, reply) => reply.page(await contentPage(request, request.params.slug)),
  );

  app.post(
    '/pro/formations/:slug/contenu/lecons',
    { schema: { ...page, params: Module, body: LessonBody }, config: { access: TRAINERS } },
    async (request, reply) => {
      const { slug: s } = request.params;
      const { title, body } = request.body;
      return change(
        request,
        reply,
        s,
        'lesson',
        { title, body },
        () => content.addLesson(request.requireActor(), request.auditContext(), s, { title, body }),
        'training.learning.saved.lesson',
      );
    },
  );

  app.get(
    '/pro/formations/:slug/contenu/lecons/:lessonId',
    { schema: { ...page, params: LessonParams }, config: { access: TRAINERS } },
    async (request, reply) => {
      const { course, lesson } = await content.lesson(
        request.requireActor(),
        request.params.slug,
        request.params.lessonId,
      );
      return reply.page(LessonEditPage({ ctx: request.pageContext(), course, lesson }));
    },
  );

  app.post(
    '/pro/formations/:slug/contenu/lecons/:lessonId',
    { schema: { ...page, params: LessonParams, body: LessonBody }, config: { access: TRAINERS } },
    async (request, reply) => {
      const actor = request.requireActor();
      const { slug: s, lessonId } = request.params;
      const { title, body } = request.body;
      try {
        await content.updateLesson(actor, request.auditContext(), s, lessonId, { title, body });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const { course, lesson } = await content.lesson(actor, s, lessonId);
        const form = { values: { title, body }, errors: translate(request, error) };
        return reply.page(LessonEditPage({ ctx: request.pageContext(), course, lesson, form }), 422);
      }
      return reply.flashNext('success', 'training.learning.saved.lesson').redirect(home(s), 303);
    },
  );

  app.post(
    '/pro/formations/:slug/contenu/lecons/:lessonId/suppression',
    { schema: { ...page, params: LessonParams, body: Csrf }, config: { access: TRAINERS } },
    async (request, reply) => {
      const { slug: s, lessonId } = request.params;
      await content.deleteLesson(request.requireActor(), request.auditContext(), s, lessonId);
      return reply.flashNext('success', 'training.learning.saved.lessonDeleted').redirect(home(s), 303);
    },
  );

  app.post(
    '/pro/formations/:slug/contenu/questions',
    { schema: { ...page, params: Module, body: QuestionBody }, config: { access: TRAINERS } },
    async (request, reply) => {
      const { slug: s } = request.params;
      const { _csrf, ...input } = request.body;
      return change(
        request,
        reply,
        s,
        'question',
        input,
        () => content.addQuestion(request.requireActor(), request.auditContext(), s, input),
        'training.learning.saved.question',
      );
    },
  );

  app.post(
    '/pro/formations/:slug/contenu/questions/:questionId/suppression',
    { schema: { ...page, params: QuestionParams, body: Csrf }, config: { access: TRAINERS } },
    async (request, reply) => {
      const { slug: s, questionId } = request.params;
      await content.deleteQuestion(request.requireActor(), request.auditContext(), s, questionId);
      return reply.flashNext('success', 'training.learning.saved.questionDeleted').redirect(home(s), 303);
    },
  );

  app.post(
    '/pro/formations/:slug/contenu/seuil',
    { schema: { ...page, params: Module, body: PassMarkBody }, config: { access: TRAINERS } },
    async (request, reply) => {
      const { slug: s } = request.params;
      const { passMark } = request.body;
      return change(
        request,
        reply,
        s,
        'passMark',
        { passMark },
        () => content.setPassMark(request.requireActor(), request.auditContext(), s, passMark),
        'training.learning.saved.passMark',
      );
    },
  );
}
