import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasRole } from '../../../platform/auth/roles.js';
import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import type { Training } from '../index.js';
import { CATEGORIES, FORMATS, TRAINERS } from '../reference.js';
import { CataloguePage } from '../views/catalogue.js';
import { CoursePage, type RegistrationForm } from '../views/catalogue-course.js';
import { catalogueAdminRoutes } from './catalogue-admin.js';
import { f, form, page, Slug, slug, translate, uuid } from './catalogue-forms.js';
import { countsRoutes } from './counts.js';
import { sessionsRoutes } from './sessions.js';

const Filter = Type.Object({
  public: Type.Optional(Type.String({ maxLength: 40 })),
  format: Type.Optional(Type.String({ maxLength: 40 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
const SessionOf = Type.Object({ slug, id: uuid });
const RegistrationBody = form({ category: f(40), departementCode: f(10) });
const Csrf = form({});
const known = (list: readonly string[], value: string | undefined) =>
  value && list.includes(value) ? value : undefined;

/** The public catalogue (/formations), a course's page, registering to and leaving a session; then the pro pages. */
export function catalogueRoutes(base: FastifyInstance, training: Training): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { catalogue, sessions, learning } = training;

  app.get(
    '/formations',
    { schema: { ...page, querystring: Filter }, config: { access: 'public' } },
    async (request, reply) => {
      // Values that no select offers are left out, so a stale link still shows the catalogue.
      const filter = {
        public: known(CATEGORIES, request.query.public),
        format: known(FORMATS, request.query.format),
        q: request.query.q?.trim() || undefined,
      };
      const [courses, exercises] = await Promise.all([
        catalogue.published({ audience: filter.public, format: filter.format, q: filter.q }),
        catalogue.hasScenarios(),
      ]);
      return reply.page(CataloguePage({ ctx: request.pageContext(), filter, courses, exercises }));
    },
  );

  /** The course a trainer may see as a draft; the public only once published. */
  async function courseFor(request: FastifyRequest, s: string) {
    const course = await catalogue.bySlug(s, hasRole(request.actor, ...TRAINERS));
    if (!course) throw new NotFoundError();
    return course;
  }

  async function coursePage(request: FastifyRequest, s: string, registration?: RegistrationForm) {
    const course = await courseFor(request, s);
    const actor = request.actor;
    const [upcoming, mine, departements] = await Promise.all([
      sessions.forCourse(course.id, true),
      actor ? sessions.mine(actor.userId) : Promise.resolve([]),
      actor ? learning.departements() : Promise.resolve([]),
    ]);
    return CoursePage({
      ctx: request.pageContext(),
      course,
      sessions: upcoming,
      mine: new Map(mine.map((r) => [r.session_id, { status: r.status, position: r.position }])),
      departements,
      form: registration,
      trainer: hasRole(actor, ...TRAINERS),
    });
  }

  app.get(
    '/formations/:slug',
    { schema: { ...page, params: Slug }, config: { access: 'public' } },
    async (request, reply) => reply.page(await coursePage(request, request.params.slug)),
  );

  /** The session, when it is one of this course's. */
  async function sessionOf(request: FastifyRequest, s: string, id: string) {
    const course = await courseFor(request, s);
    const session = await sessions.get(id);
    if (!session || session.course_id !== course.id) throw new NotFoundError();
    return { course, session };
  }

  app.post(
    '/formations/:slug/sessions/:id/inscription',
    { schema: { ...page, params: SessionOf, body: RegistrationBody }, config: { access: 'authenticated' } },
    async (request, reply) => {
      const { course, session } = await sessionOf(request, request.params.slug, request.params.id);
      const actor = request.requireActor();
      const input = { category: request.body.category, departementCode: request.body.departementCode };
      try {
        const answer = await sessions.register(actor.userId, session.id, input, request.auditContext());
        const to = `/formations/${course.slug}#session-${session.id}`;
        return answer.status === 'registered'
          ? reply.flashNext('success', 'training.registration.done').redirect(to, 303)
          : reply
              .flashNext('info', 'training.registration.doneWaiting', { position: answer.position })
              .redirect(to, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const errors = translate(request, error, ['session']);
        return reply.page(
          await coursePage(request, course.slug, { sessionId: session.id, values: input, errors }),
          422,
        );
      }
    },
  );

  app.post(
    '/formations/:slug/sessions/:id/desinscription',
    { schema: { ...page, params: SessionOf, body: Csrf }, config: { access: 'authenticated' } },
    async (request, reply) => {
      const { course, session } = await sessionOf(request, request.params.slug, request.params.id);
      await sessions.cancelRegistration(request.requireActor().userId, session.id, request.auditContext());
      return reply
        .flashNext('success', 'training.registration.withdrawn')
        .redirect(`/formations/${course.slug}#session-${session.id}`, 303);
    },
  );

  catalogueAdminRoutes(base, training);
  sessionsRoutes(base, training);
  countsRoutes(base, training);
}
