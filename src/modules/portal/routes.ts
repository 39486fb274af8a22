import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { LOCALES } from '../../platform/i18n/index.js';
import { LOCALE_COOKIE, THEME_COOKIE } from '../../platform/http/pages.js';
import { safeReturn } from '../../platform/http/redirects.js';
import type { NavigationItem } from '../../platform/views/context.js';
import { describeGrant } from '../accounts/presenters.js';
import type { SpaceTile } from './tiles.js';
import { HomePage } from './views/home.js';
import { SpacePage } from './views/spaces.js';
import { DisplayPage, LEGAL_PAGES, LegalPageView, SitemapPage } from './views/static-pages.js';

const page = { hide: true };
const YEAR = 365 * 24 * 3600;
const ReturnQuery = Type.Object({ retour: Type.Optional(Type.String({ maxLength: 500 })) });

export function portalRoutes(deps: { navigation: () => readonly NavigationItem[]; tiles: () => readonly SpaceTile[]; secureCookies: boolean }) {
  const cookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies, maxAge: YEAR };
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/', { schema: page, config: { access: 'public' } }, async (request, reply) => reply.page(HomePage({ ctx: request.pageContext() })));

    for (const space of ['pro', 'pilotage'] as const) {
      app.get(`/${space}`, { schema: page, config: { access: 'authenticated' } }, async (request, reply) => {
        const actor = request.requireActor();
        const grants = actor.grants.map((g) =>
          describeGrant(request.t, {
            role: g.role,
            scope_kind: g.scope.kind,
            departement_codes: g.scope.kind === 'departements' ? [...g.scope.departements] : [],
            airport_iata: g.scope.kind === 'airport' ? g.scope.airport : null,
          }),
        );
        const tiles = deps.tiles().filter((tile) => tile.space === space && tile.visible(actor));
        return reply.page(SpacePage({ ctx: request.pageContext(), space, tiles, grants }));
      });
    }

    for (const legal of LEGAL_PAGES) {
      app.get(`/${legal}`, { schema: page, config: { access: 'public' } }, async (request, reply) =>
        reply.page(LegalPageView({ ctx: request.pageContext(), page: legal })),
      );
    }

    app.get('/plan-du-site', { schema: page, config: { access: 'public' } }, async (request, reply) =>
      reply.page(SitemapPage({ ctx: request.pageContext(), navigation: deps.navigation() })),
    );

    app.get('/affichage', { schema: { ...page, querystring: ReturnQuery }, config: { access: 'public' } }, async (request, reply) =>
      reply.page(DisplayPage({ ctx: request.pageContext(), retour: safeReturn(request.query.retour, '/') })),
    );

    app.post(
      '/affichage',
      {
        schema: {
          ...page,
          body: Type.Object({
            _csrf: Type.Optional(Type.String()),
            theme: Type.Union([Type.Literal('light'), Type.Literal('dark'), Type.Literal('system')]),
            retour: Type.Optional(Type.String({ maxLength: 500 })),
          }),
        },
        config: { access: 'public' },
      },
      async (request, reply) => {
        reply.setCookie(THEME_COOKIE, request.body.theme, cookie);
        return reply.redirect(safeReturn(request.body.retour, '/'), 303);
      },
    );

    app.get(
      '/langue/:lang',
      {
        schema: { ...page, params: Type.Object({ lang: Type.Union(LOCALES.map((l) => Type.Literal(l))) }), querystring: ReturnQuery },
        config: { access: 'public' },
      },
      async (request, reply) => {
        reply.setCookie(LOCALE_COOKIE, request.params.lang, cookie);
        return reply.redirect(safeReturn(request.query.retour, '/'), 303);
      },
    );
  };
}
