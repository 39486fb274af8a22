import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { Training } from '../index.js';
import { MinePage } from '../views/mine.js';
import { CourseSessionsPage, type SessionValues, SessionPage } from '../views/sessions.js';
import { AUTHORS, f, form, list, many, page, Slug, translate, uuid } from './catalogue-forms.js';

const SessionBody = form({
  startsAt: f(20),
  endsAt: f(20),
  place: f(300),
  onlineUrl: f(500),
  departementCode: f(10),
  organiser: f(300),
  capacity: f(6),
});
const Id = Type.Object({ id: uuid });
const AttendanceBody = form({ present: many(1000) });

/** "Mes formations" for every professional; sessions for trainers: scheduling, attendance sheet, cancelling. */
export function sessionsRoutes(base: FastifyInstance, training: Training): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { catalogue, sessions, certificates, learning } = training;

  app.get(
    '/pro/formations',
    { schema: page, config: { access: 'authenticated' } },
    async (request, reply) => {
      const actor = request.requireActor();
      const [registrations, certs, modules] = await Promise.all([
        sessions.mine(actor.userId),
        certificates.forUser(actor.userId),
        catalogue.inProgress(actor.userId),
      ]);
      return reply.page(
        MinePage({ ctx: request.pageContext(), registrations, certificates: certs, modules }),
      );
    },
  );

  async function courseSessionsPage(
    request: FastifyRequest,
    slug: string,
    values?: SessionValues,
    errors?: FieldErrors,
  ) {
    const course = await catalogue.bySlug(slug, true);
    if (!course) throw new NotFoundError();
    const [rows, departements] = await Promise.all([
      sessions.forCourse(course.id, false),
      learning.departements(),
    ]);
    return {
      course,
      page: CourseSessionsPage({
        ctx: request.pageContext(),
        course,
        sessions: rows,
        departements,
        values: values ?? { organiser: course.organiser, capacity: '20' },
        errors,
      }),
    };
  }

  app.get(
    '/pro/formations/catalogue/:slug/sessions',
    { schema: { ...page, params: Slug }, config: { access: AUTHORS } },
    async (request, reply) => reply.page((await courseSessionsPage(request, request.params.slug)).page),
  );

  app.post(
    '/pro/formations/catalogue/:slug/sessions',
    { schema: { ...page, params: Slug, body: SessionBody }, config: { access: AUTHORS } },
    async (request, reply) => {
      const course = await catalogue.bySlug(request.params.slug, true);
      if (!course) throw new NotFoundError();
      const { _csrf, ...values } = request.body;
      try {
        const id = await sessions.create(course.id, values, request.auditContext());
        return reply
          .flashNext('success', 'training.sessionsPage.created')
          .redirect(`/pro/formations/sessions/${id}`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const again = await courseSessionsPage(request, course.slug, values, translate(request, error));
        return reply.page(again.page, 422);
      }
    },
  );

  app.get(
    '/pro/formations/sessions/:id',
    { schema: { ...page, params: Id }, config: { access: AUTHORS } },
    async (request, reply) => {
      const session = await sessions.detail(request.params.id);
      if (!session) throw new NotFoundError();
      const [sheet, waiting] = await Promise.all([
        sessions.sheet(session.id),
        sessions.waitingList(session.id),
      ]);
      return reply.page(SessionPage({ ctx: request.pageContext(), session, sheet, waiting }));
    },
  );

  app.post(
    '/pro/formations/sessions/:id/presences',
    { schema: { ...page, params: Id, body: AttendanceBody }, config: { access: AUTHORS } },
    async (request, reply) => {
      let issued: number;
      try {
        issued = await sessions.markAttendance(
          request.params.id,
          list(request.body.present),
          request.auditContext(),
        );
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        return reply
          .flashNext('error', error.messageKey)
          .redirect(`/pro/formations/sessions/${request.params.id}`, 303);
      }
      return reply
        .flashNext('success', 'training.sessionPage.attendanceSaved', { count: issued })
        .redirect(`/pro/formations/sessions/${request.params.id}`, 303);
    },
  );

  app.post(
    '/pro/formations/sessions/:id/annulation',
    { schema: { ...page, params: Id, body: form({}) }, config: { access: AUTHORS } },
    async (request, reply) => {
      await sessions.cancelSession(request.params.id, request.auditContext());
      return reply
        .flashNext('success', 'training.sessionPage.cancelled')
        .redirect(`/pro/formations/sessions/${request.params.id}`, 303);
    },
  );
}
