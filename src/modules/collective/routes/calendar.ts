import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type Actor, hasRole } from '../../../platform/auth/roles.js';
import { ForbiddenError, NotFoundError } from '../../../platform/http/errors.js';
import { maySteer } from '../../steering/plans.js';
import { meetingsCalendar } from '../ical.js';
import type { Meetings } from '../meetings.js';
import type { CalendarTokens } from '../tokens.js';
import { page, READERS } from './forms.js';

/** The calendar feeds: the collective's meetings as an .ics file, and the personal feed calendar apps subscribe to. */
export function calendarRoutes(deps: {
  meetings: Meetings;
  tokens: CalendarTokens;
  publicUrl: string;
  loadActor(userId: string): Promise<Actor | null>;
}) {
  const { meetings, tokens, publicUrl } = deps;
  const host = new URL(publicUrl).hostname;
  const calendar = async (name: string) =>
    meetingsCalendar({ name, meetings: await meetings.forCalendar(), publicUrl, host });

  return function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/collectif/calendrier.ics',
      { schema: page, config: { access: READERS } },
      async (request, reply) => {
        if (!hasRole(request.requireActor(), 'collective_member') && !maySteer(request.actor))
          throw new ForbiddenError();
        return reply
          .type('text/calendar; charset=utf-8')
          .header('cache-control', 'private, no-store')
          .send(await calendar(request.t('collective.title')));
      },
    );
    // Calendar apps subscribe without a session: the address carries a signed token, checked against a live account.
    app.get(
      '/collectif/calendrier/:token',
      {
        schema: {
          ...page,
          params: Type.Object({
            token: Type.String({ maxLength: 120, pattern: '^[0-9a-f-]{36}\\.[A-Za-z0-9_-]{32}\\.ics$' }),
          }),
        },
        config: { access: 'public' },
      },
      async (request, reply) => {
        const userId = tokens.userOf(request.params.token.replace(/\.ics$/, ''));
        const actor = userId ? await deps.loadActor(userId) : null;
        if (!actor || !(hasRole(actor, 'collective_member') || maySteer(actor))) throw new NotFoundError();
        return reply
          .type('text/calendar; charset=utf-8')
          .header('cache-control', 'private, no-store')
          .send(await calendar('Collectif — Relais'));
      },
    );
  };
}
