import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import type { CourseInput } from '../catalogue.js';
import type { Training } from '../index.js';
import { AdminCataloguePage, type CourseValues, CourseFormPage } from '../views/catalogue-admin.js';
import { AUTHORS, f, form, list, many, page, Slug, translate } from './catalogue-forms.js';

const CourseBody = form({
  title: f(200),
  summary: f(2000),
  audiences: many(20),
  format: f(40),
  durationHours: f(10),
  objectives: f(6000),
  prerequisites: f(3000),
  organiser: f(300),
  status: f(20),
  resourceIds: many(300),
});
type Body = typeof CourseBody.static;

const input = (body: Body): CourseInput => ({
  title: body.title,
  summary: body.summary,
  audiences: list(body.audiences),
  format: body.format,
  durationHours: body.durationHours,
  objectives: body.objectives,
  prerequisites: body.prerequisites,
  organiser: body.organiser,
  status: body.status,
  resourceIds: list(body.resourceIds),
});

/** Trainers' catalogue: every course (drafts too), and the form to create or edit one. */
export function catalogueAdminRoutes(base: FastifyInstance, training: Training): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { catalogue } = training;

  app.get(
    '/pro/formations/catalogue',
    { schema: page, config: { access: AUTHORS } },
    async (request, reply) =>
      reply.page(AdminCataloguePage({ ctx: request.pageContext(), courses: await catalogue.all() })),
  );

  const formPage = async (
    request: FastifyRequest,
    values: CourseValues,
    slug?: string,
    errors?: Record<string, string>,
  ) =>
    CourseFormPage({
      ctx: request.pageContext(),
      slug,
      values,
      errors,
      resources: await catalogue.resources(),
    });

  /** Saves; on bad input the form comes back (422) with what was typed and each field's message. */
  async function save(
    request: FastifyRequest,
    reply: FastifyReply,
    body: Body,
    action: () => Promise<void>,
    slug?: string,
  ) {
    try {
      await action();
      return reply.flashNext('success', 'training.admin.saved').redirect('/pro/formations/catalogue', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const { _csrf, ...values } = body;
      return reply.page(await formPage(request, values, slug, translate(request, error)), 422);
    }
  }

  app.get(
    '/pro/formations/catalogue/nouvelle',
    { schema: page, config: { access: AUTHORS } },
    async (request, reply) => reply.page(await formPage(request, { status: 'draft' })),
  );

  app.post(
    '/pro/formations/catalogue',
    { schema: { ...page, body: CourseBody }, config: { access: AUTHORS } },
    async (request, reply) =>
      save(request, reply, request.body, async () => {
        await catalogue.create(input(request.body), false, request.auditContext());
      }),
  );

  app.get(
    '/pro/formations/catalogue/:slug/modifier',
    { schema: { ...page, params: Slug }, config: { access: AUTHORS } },
    async (request, reply) => {
      const course = await catalogue.bySlug(request.params.slug, true);
      if (!course) throw new NotFoundError();
      const values: CourseValues = {
        title: course.title,
        summary: course.summary,
        audiences: course.audiences,
        format: course.format,
        durationHours: course.duration_hours === null ? '' : String(course.duration_hours),
        objectives: course.objectives,
        prerequisites: course.prerequisites,
        organiser: course.organiser,
        status: course.status,
        resourceIds: course.resources.map((r) => r.id),
      };
      return reply.page(await formPage(request, values, course.slug));
    },
  );

  app.post(
    '/pro/formations/catalogue/:slug/modifier',
    { schema: { ...page, params: Slug, body: CourseBody }, config: { access: AUTHORS } },
    async (request, reply) =>
      save(
        request,
        reply,
        request.body,
        () => catalogue.update(request.params.slug, input(request.body), request.auditContext()),
        request.params.slug,
      ),
  );
}
