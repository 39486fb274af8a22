import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../platform/auth/roles.js';
import type { DB } from '../../../platform/db/schema.js';
import type { MeetingMails } from '../mails.js';
import type { Members } from '../members.js';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../../../platform/http/errors.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import { mayOrganise, type Meetings } from '../meetings.js';
import { calendarTokens } from '../tokens.js';
import { CollectivePage } from '../views/home.js';
import { calendarRoutes } from './calendar.js';
import { ORGANISERS, page, READERS, translate } from './forms.js';
import { meetingRoutes } from './meetings.js';

/** The collective's space: members, meetings with agenda and minutes, registrations, the "À suivre" list, iCal. */
export function collectiveRoutes(deps: {
  db: Kysely<DB>;
  meetings: Meetings;
  members: Members;
  mails: MeetingMails;
  secret: string;
  publicUrl: string;
  loadActor(userId: string): Promise<Actor | null>;
}) {
  const { meetings, publicUrl } = deps;
  const tokens = calendarTokens(deps.secret);
  const calendar = calendarRoutes({ meetings, tokens, publicUrl, loadActor: deps.loadActor });
  const meetingPages = meetingRoutes(deps);

  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    const home = async (request: FastifyRequest, errors?: FieldErrors) => {
      const actor = request.requireActor();
      const organise = mayOrganise(actor);
      const [members, followUp, list, candidates] = await Promise.all([
        meetings.members(),
        meetings.followUp(actor),
        meetings.list(actor),
        organise ? deps.members.candidates() : Promise.resolve([]),
      ]);
      return CollectivePage({
        ctx: request.pageContext(),
        members,
        followUp,
        meetings: list,
        organise,
        candidates,
        errors,
        feedUrl: `${publicUrl}/collectif/calendrier/${tokens.tokenFor(actor.userId)}.ics`,
      });
    };
    app.get('/collectif', { schema: page, config: { access: READERS } }, async (request, reply) =>
      reply.page(await home(request)),
    );
    app.post(
      '/collectif/membres',
      {
        schema: {
          ...page,
          body: Type.Object({
            _csrf: Type.Optional(Type.String()),
            organisationId: Type.String({ maxLength: 40, default: '' }),
          }),
        },
        config: { access: ORGANISERS },
      },
      async (request, reply) => {
        try {
          await deps.members.add(request.requireActor(), request.auditContext(), request.body.organisationId);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return reply.page(await home(request, translate(request, error)), 422);
        }
        return reply.flashNext('success', 'collective.saved').redirect('/collectif', 303);
      },
    );
    app.post(
      '/collectif/membres/:organisationId/retrait',
      {
        schema: {
          ...page,
          params: Type.Object({ organisationId: Type.String({ maxLength: 40 }) }),
          body: Type.Object({ _csrf: Type.Optional(Type.String()) }),
        },
        config: { access: ORGANISERS },
      },
      async (request, reply) => {
        await deps.members.remove(
          request.requireActor(),
          request.auditContext(),
          request.params.organisationId,
        );
        return reply.flashNext('success', 'collective.saved').redirect('/collectif', 303);
      },
    );

    calendar(base);
    meetingPages(base);
  };
}
