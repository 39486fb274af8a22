import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import { markdownToHtml } from '../../newsletter/render.js';
import { meetingsCalendar } from '../ical.js';
import type { MeetingMails } from '../mails.js';
import { mayOrganise, type MeetingInput, type Meetings } from '../meetings.js';
import { MeetingFormPage } from '../views/form.js';
import { MeetingPage } from '../views/meeting.js';
import { f, Id, ORGANISERS, page, READERS, translate } from './forms.js';

const MeetingBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  kind: f(20),
  title: f(400),
  startsAt: f(30),
  endsAt: f(30),
  place: f(400),
  agenda: f(20_000),
  summary: f(25_000),
  minutes: f(120_000),
  status: f(20),
  nextMeetingId: f(40),
  allDay: Type.Optional(Type.String({ maxLength: 10 })),
});
const inputOf = (body: typeof MeetingBody.static): MeetingInput => {
  const { _csrf, allDay, ...rest } = body;
  return { ...rest, allDay: allDay === 'yes' };
};

/** Meetings: creation and edits, the meeting's page and .ics file, registrations, mails, attendance, items. */
export function meetingRoutes(deps: {
  db: Kysely<DB>;
  meetings: Meetings;
  mails: MeetingMails;
  publicUrl: string;
}) {
  const { meetings, mails, db, publicUrl } = deps;
  const host = new URL(publicUrl).hostname;

  return function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const organisations = () =>
      db
        .selectFrom('organisations')
        .select(['id', 'name'])
        .where('active', '=', true)
        .orderBy('name')
        .execute();

    app.get(
      '/collectif/reunions/nouvelle',
      { schema: page, config: { access: ORGANISERS } },
      async (request, reply) => {
        if (!mayOrganise(request.requireActor())) throw new ForbiddenError();
        return reply.page(
          MeetingFormPage({
            ctx: request.pageContext(),
            meeting: null,
            others: await meetings.list(request.requireActor()),
          }),
        );
      },
    );
    app.post(
      '/collectif/reunions',
      { schema: { ...page, body: MeetingBody }, config: { access: ORGANISERS } },
      async (request, reply) => {
        const { _csrf, ...input } = request.body;
        try {
          const id = await meetings.save(
            request.requireActor(),
            request.auditContext(),
            null,
            inputOf(request.body),
          );
          return reply.flashNext('success', 'collective.saved').redirect(`/collectif/reunions/${id}`, 303);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return reply.page(
            MeetingFormPage({
              ctx: request.pageContext(),
              meeting: null,
              others: await meetings.list(request.requireActor()),
              form: { values: input, errors: translate(request, error) },
            }),
            422,
          );
        }
      },
    );

    const meetingPage = async (
      request: FastifyRequest,
      id: string,
      form?: { values: Record<string, string | undefined>; errors: FieldErrors },
    ) => {
      const actor = request.requireActor();
      const detail = await meetings.detail(actor, id);
      const organise = mayOrganise(actor);
      return MeetingPage({
        ctx: request.pageContext(),
        detail,
        organise,
        organisations: organise ? await organisations() : [],
        form,
        // The minutes sit under the page's own h2: their headings start at h3.
        html: detail.meeting.minutes
          ? markdownToHtml(detail.meeting.minutes).replace(/<(\/?)h[12]>/g, '<$1h3>')
          : '',
      });
    };
    app.get(
      '/collectif/reunions/:id',
      { schema: { ...page, params: Id }, config: { access: READERS } },
      async (request, reply) => reply.page(await meetingPage(request, request.params.id)),
    );
    app.get(
      '/collectif/reunions/:id/ical',
      { schema: { ...page, params: Id }, config: { access: READERS } },
      async (request, reply) => {
        const meeting = await meetings.get(request.requireActor(), request.params.id);
        return reply
          .type('text/calendar; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="reunion-${meeting.starts_at.toISOString().slice(0, 10)}.ics"`,
          )
          .header('cache-control', 'private, no-store')
          .send(meetingsCalendar({ name: meeting.title, meetings: [meeting], publicUrl, host }));
      },
    );
    app.get(
      '/collectif/reunions/:id/modifier',
      { schema: { ...page, params: Id }, config: { access: ORGANISERS } },
      async (request, reply) => {
        const actor = request.requireActor();
        if (!mayOrganise(actor)) throw new ForbiddenError();
        return reply.page(
          MeetingFormPage({
            ctx: request.pageContext(),
            meeting: await meetings.get(actor, request.params.id),
            others: await meetings.list(actor),
          }),
        );
      },
    );
    app.post(
      '/collectif/reunions/:id/modifier',
      { schema: { ...page, params: Id, body: MeetingBody }, config: { access: ORGANISERS } },
      async (request, reply) => {
        const { _csrf, ...input } = request.body;
        const actor = request.requireActor();
        try {
          await meetings.save(actor, request.auditContext(), request.params.id, inputOf(request.body));
          return reply
            .flashNext('success', 'collective.saved')
            .redirect(`/collectif/reunions/${request.params.id}`, 303);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return reply.page(
            MeetingFormPage({
              ctx: request.pageContext(),
              meeting: await meetings.get(actor, request.params.id),
              others: await meetings.list(actor),
              form: { values: input, errors: translate(request, error) },
            }),
            422,
          );
        }
      },
    );
    app.post(
      '/collectif/reunions/:id/inscription',
      {
        schema: {
          ...page,
          params: Id,
          body: Type.Object({
            _csrf: Type.Optional(Type.String()),
            register: Type.Union([Type.Literal('yes'), Type.Literal('no')]),
          }),
        },
        config: { access: READERS },
      },
      async (request, reply) => {
        await meetings.register(
          request.requireActor(),
          request.auditContext(),
          request.params.id,
          request.body.register === 'yes',
        );
        return reply
          .flashNext(
            'success',
            request.body.register === 'yes' ? 'collective.registeredOk' : 'collective.unregisteredOk',
          )
          .redirect(`/collectif/reunions/${request.params.id}`, 303);
      },
    );
    app.post(
      '/collectif/reunions/:id/invitations',
      {
        schema: { ...page, params: Id, body: Type.Object({ _csrf: Type.Optional(Type.String()) }) },
        config: { access: ORGANISERS },
      },
      async (request, reply) => {
        const count = await mails.sendInvitations(
          request.requireActor(),
          request.auditContext(),
          request.params.id,
        );
        return reply
          .flashNext('success', 'collective.invitationsSent', { count })
          .redirect(`/collectif/reunions/${request.params.id}`, 303);
      },
    );
    app.post(
      '/collectif/reunions/:id/compte-rendu',
      {
        schema: { ...page, params: Id, body: Type.Object({ _csrf: Type.Optional(Type.String()) }) },
        config: { access: ORGANISERS },
      },
      async (request, reply) => {
        const count = await mails.sendMinutes(
          request.requireActor(),
          request.auditContext(),
          request.params.id,
        );
        return reply
          .flashNext('success', 'collective.minutesSent', { count })
          .redirect(`/collectif/reunions/${request.params.id}`, 303);
      },
    );
    const many = Type.Optional(
      Type.Union([
        Type.String({ maxLength: 40 }),
        Type.Array(Type.String({ maxLength: 40 }), { maxItems: 500 }),
      ]),
    );
    app.post(
      '/collectif/reunions/:id/presences',
      {
        schema: {
          ...page,
          params: Id,
          body: Type.Object({ _csrf: Type.Optional(Type.String()), attending: many }),
        },
        config: { access: ORGANISERS },
      },
      async (request, reply) => {
        const ids =
          request.body.attending === undefined
            ? []
            : Array.isArray(request.body.attending)
              ? request.body.attending
              : [request.body.attending];
        try {
          await meetings.setAttendance(
            request.requireActor(),
            request.auditContext(),
            request.params.id,
            ids,
          );
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return reply.page(
            await meetingPage(request, request.params.id, { values: {}, errors: translate(request, error) }),
            422,
          );
        }
        return reply
          .flashNext('success', 'collective.saved')
          .redirect(`/collectif/reunions/${request.params.id}`, 303);
      },
    );
    app.post(
      '/collectif/reunions/:id/points',
      {
        schema: {
          ...page,
          params: Id,
          body: Type.Object({
            _csrf: Type.Optional(Type.String()),
            kind: f(20),
            text: f(3000),
            ownerOrganisationId: f(40),
            dueOn: f(20),
          }),
        },
        config: { access: ORGANISERS },
      },
      async (request, reply) => {
        const { _csrf, ...input } = request.body;
        try {
          await meetings.addItem(request.requireActor(), request.auditContext(), request.params.id, input);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return reply.page(
            await meetingPage(request, request.params.id, {
              values: input,
              errors: translate(request, error),
            }),
            422,
          );
        }
        return reply
          .flashNext('success', 'collective.saved')
          .redirect(`/collectif/reunions/${request.params.id}`, 303);
      },
    );
    app.post(
      '/collectif/reunions/:id/points/:item/fait',
      {
        schema: {
          ...page,
          params: Type.Object({ id: Type.String({ maxLength: 40 }), item: Type.String({ maxLength: 40 }) }),
          body: Type.Object({ _csrf: Type.Optional(Type.String()) }),
        },
        config: { access: ORGANISERS },
      },
      async (request, reply) => {
        await meetings.closeItem(
          request.requireActor(),
          request.auditContext(),
          request.params.id,
          request.params.item,
        );
        return reply
          .flashNext('success', 'collective.saved')
          .redirect(`/collectif/reunions/${request.params.id}`, 303);
      },
    );
  };
}
