import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../platform/auth/roles.js';
import type { DB } from '../../../platform/db/schema.js';
import type { MeetingMails } from '../mails.js';
import { mayOrganise, type Meetings } from '../meetings.js';
import { calendarTokens } from '../tokens.js';
import { CollectivePage } from '../views/home.js';
import { calendarRoutes } from './calendar.js';
import { page, READERS } from './forms.js';
import { meetingRoutes } from './meetings.js';

/** The collective's space: members, meetings with agenda and minutes, registrations, the "À suivre" list, iCal. */
export function collectiveRoutes(deps: {
  db: Kysely<DB>;
  meetings: Meetings;
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

    app.get('/collectif', { schema: page, config: { access: READERS } }, async (request, reply) => {
      const actor = request.requireActor();
      const [members, followUp, list] = await Promise.all([
        meetings.members(),
        meetings.followUp(actor),
        meetings.list(actor),
      ]);
      return reply.page(
        CollectivePage({
          ctx: request.pageContext(),
          members,
          followUp,
          meetings: list,
          organise: mayOrganise(actor),
          feedUrl: `${publicUrl}/collectif/calendrier/${tokens.tokenFor(actor.userId)}.ics`,
        }),
      );
    });

    calendar(base);
    meetingPages(base);
  };
}
