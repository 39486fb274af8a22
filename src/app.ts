import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyEtag from '@fastify/etag';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync, type FastifyRequest, LogController } from 'fastify';
import { ForbiddenError } from './platform/http/errors.js';
import type { Core } from './core.js';
import { accountsRoutes } from './modules/accounts/index.js';
import { alertsRoutes } from './modules/alerts/index.js';
import { placementsRoutes } from './modules/placements/index.js';
import { casesRoutes } from './modules/cases/index.js';
import { directoryRoutes } from './modules/directory/index.js';
import { newsletterRoutes } from './modules/newsletter/index.js';
import { libraryRouteList } from './modules/library/index.js';
import { textsRoutes } from './modules/texts/routes.js';
import { steeringRoutes } from './modules/steering/routes/index.js';
import { collectiveRoutes } from './modules/collective/routes/index.js';
import { trainingRoutes } from './modules/training/routes/index.js';
import { statisticsRoutes } from './modules/statistics/routes/index.js';
import { leafletRoutes } from './modules/leaflet/routes.js';
import { MAX_ATTACHMENT_BYTES } from './modules/library/reference.js';
import { SEARCHERS } from './modules/placements/policy.js';
import { DESK_ROLES, RAISERS } from './modules/alerts/policy.js';
import { adminRoutes } from './modules/admin/routes.js';
import { organisationRoutes } from './modules/organisations/routes.js';
import { portalRoutes } from './modules/portal/routes.js';
import type { SpaceTile } from './modules/portal/tiles.js';
import { createProConnect } from './platform/auth/proconnect.js';
import { hasRole } from './platform/auth/roles.js';
import { API_SCOPES } from './platform/auth/scopes.js';
import { errorHandlerPlugin } from './platform/http/error-handler.js';
import { identityPlugin } from './platform/http/identity.js';
import { pagesPlugin } from './platform/http/pages.js';
import { ssePlugin } from './platform/http/sse.js';
import { systemRoutes } from './platform/http/system.js';
import './platform/http/types.js';
import { createMetrics, type Metrics } from './platform/metrics.js';
import type { NavigationItem } from './platform/views/context.js';

const require = createRequire(import.meta.url);
const DSFR_DIST = path.join(path.dirname(require.resolve('@gouvfr/dsfr/package.json')), 'dist');
const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));
const LEAFLET_DIST = path.join(path.dirname(require.resolve('leaflet/package.json')), 'dist');
const MARKERCLUSTER_DIST = path.join(path.dirname(require.resolve('leaflet.markercluster/package.json')), 'dist');

export interface RegisteredRoute {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access rule, for the role × route matrix test. */
    relaisRoutes: RegisteredRoute[];
  }
}

/** Main navigation: the three spaces; modules add their public entries as they land. */
const NAVIGATION: NavigationItem[] = [
  { href: '/', labelKey: 'nav.home', space: 'public' },
  { href: '/carte', labelKey: 'nav.map', space: 'public' },
  { href: '/outils', labelKey: 'nav.library', space: 'public' },
  { href: '/textes', labelKey: 'nav.texts', space: 'public' },
  { href: '/lettre', labelKey: 'nav.newsletter', space: 'public' },
  { href: '/plan', labelKey: 'nav.plan', space: 'public' },
  { href: '/formations', labelKey: 'nav.training', space: 'public' },
  { href: '/statistiques', labelKey: 'nav.statistics', space: 'public' },
  { href: '/pro', labelKey: 'nav.pro', space: 'pro' },
  { href: '/pilotage', labelKey: 'nav.pilotage', space: 'pilotage' },
  { href: '/admin', labelKey: 'nav.admin', space: 'pro', visible: (a) => hasRole(a, 'national_admin', 'coordinator') },
];

const TILES: SpaceTile[] = [
  { space: 'pro', href: '/pro/alertes/nouvelle', titleKey: 'tiles.raise.title', descriptionKey: 'tiles.raise.text', visible: (a) => hasRole(a, ...RAISERS) },
  { space: 'pro', href: '/pro/alertes', titleKey: 'tiles.deskAlerts.title', descriptionKey: 'tiles.deskAlerts.text', visible: (a) => hasRole(a, ...DESK_ROLES) },
  { space: 'pro', href: '/pro/mes-alertes', titleKey: 'tiles.myAlerts.title', descriptionKey: 'tiles.myAlerts.text', visible: (a) => hasRole(a, ...RAISERS) },
  { space: 'pro', href: '/pro/placements/recherche', titleKey: 'tiles.placementSearch.title', descriptionKey: 'tiles.placementSearch.text', visible: (a) => hasRole(a, ...SEARCHERS) },
  { space: 'pro', href: '/pro/placements', titleKey: 'tiles.placements.title', descriptionKey: 'tiles.placements.text', visible: (a) => hasRole(a, ...SEARCHERS, 'host_staff') },
  { space: 'pro', href: '/pro/offres', titleKey: 'tiles.offers.title', descriptionKey: 'tiles.offers.text', visible: (a) => hasRole(a, 'host_staff', 'coordinator') },
  { space: 'pro', href: '/pro/opp', titleKey: 'tiles.opp.title', descriptionKey: 'tiles.opp.text', visible: (a) => hasRole(a, 'duty_desk', 'coordinator') },
  { space: 'pro', href: '/pro/capacite', titleKey: 'tiles.capacity.title', descriptionKey: 'tiles.capacity.text', visible: (a) => hasRole(a, 'host_staff', 'coordinator') },
  { space: 'pro', href: '/pro/dossiers', titleKey: 'tiles.cases.title', descriptionKey: 'tiles.cases.text', visible: (a) => hasRole(a, 'case_worker', 'coordinator') },
  { space: 'pro', href: '/pro/outils', titleKey: 'tiles.library.title', descriptionKey: 'tiles.library.text', visible: (a) => hasRole(a, 'content_editor', 'national_admin') },
  { space: 'pro', href: '/pro/depliant', titleKey: 'tiles.leaflet.title', descriptionKey: 'tiles.leaflet.text', visible: (a) => hasRole(a, 'content_editor', 'national_admin') },
  { space: 'pro', href: '/pro/textes', titleKey: 'tiles.texts.title', descriptionKey: 'tiles.texts.text', visible: (a) => hasRole(a, 'content_editor', 'national_admin') },
  { space: 'pro', href: '/pro/lettre', titleKey: 'tiles.newsletter.title', descriptionKey: 'tiles.newsletter.text', visible: (a) => hasRole(a, 'content_editor', 'national_admin') },
  { space: 'pro', href: '/pro/annuaire', titleKey: 'tiles.directory.title', descriptionKey: 'tiles.directory.text', visible: (a) => hasRole(a, 'content_editor', 'coordinator', 'national_admin') },
  { space: 'pro', href: '/pro/permanences', titleKey: 'tiles.desks.title', descriptionKey: 'tiles.desks.text', visible: (a) => hasRole(a, 'coordinator') },
  { space: 'pro', href: '/pro/routage', titleKey: 'tiles.routing.title', descriptionKey: 'tiles.routing.text', visible: (a) => hasRole(a, 'coordinator') },
  { space: 'pilotage', href: '/pilotage/plans', titleKey: 'tiles.plans.title', descriptionKey: 'tiles.plans.text', visible: (a) => hasRole(a, 'coordinator', 'national_admin', 'collective_member') },
  { space: 'pilotage', href: '/collectif', titleKey: 'tiles.collective.title', descriptionKey: 'tiles.collective.text', visible: (a) => hasRole(a, 'coordinator', 'national_admin', 'collective_member') },
  { space: 'pilotage', href: '/pilotage/projets-pilotes', titleKey: 'tiles.pilots.title', descriptionKey: 'tiles.pilots.text', visible: (a) => hasRole(a, 'coordinator', 'national_admin') },
  { space: 'pilotage', href: '/pilotage/deploiement', titleKey: 'tiles.deployment.title', descriptionKey: 'tiles.deployment.text', visible: (a) => hasRole(a, 'coordinator', 'national_admin') },
  { space: 'pilotage', href: '/plan', titleKey: 'tiles.publicPlan.title', descriptionKey: 'tiles.publicPlan.text', visible: () => true },
  { space: 'pro', href: '/pro/formations', titleKey: 'tiles.myTraining.title', descriptionKey: 'tiles.myTraining.text', visible: () => true },
  { space: 'pro', href: '/pro/formations/catalogue', titleKey: 'tiles.trainingAdmin.title', descriptionKey: 'tiles.trainingAdmin.text', visible: (a) => hasRole(a, 'trainer', 'national_admin') },
  { space: 'pro', href: '/pro/formations/exercices', titleKey: 'tiles.scenarios.title', descriptionKey: 'tiles.scenarios.text', visible: (a) => hasRole(a, 'trainer', 'national_admin') },
  { space: 'pro', href: '/pro/statistiques', titleKey: 'tiles.dashboards.title', descriptionKey: 'tiles.dashboards.text', visible: () => true },
  { space: 'pilotage', href: '/pro/statistiques', titleKey: 'tiles.dashboards.title', descriptionKey: 'tiles.dashboards.text', visible: (a) => hasRole(a, 'coordinator', 'national_admin') },
  { space: 'pilotage', href: '/pro/statistiques/recherche', titleKey: 'tiles.research.title', descriptionKey: 'tiles.research.text', visible: (a) => hasRole(a, 'coordinator', 'national_admin') },
  { space: 'pilotage', href: '/pro/formations/comptes', titleKey: 'tiles.trainingCounts.title', descriptionKey: 'tiles.trainingCounts.text', visible: (a) => hasRole(a, 'trainer', 'coordinator', 'national_admin') },
  { space: 'pro', href: '/compte', titleKey: 'tiles.account.title', descriptionKey: 'tiles.account.text', visible: () => true },
  {
    space: 'pro',
    href: '/admin',
    titleKey: 'tiles.admin.title',
    descriptionKey: 'tiles.admin.text',
    visible: (a) => hasRole(a, 'national_admin', 'coordinator'),
  },
];

export interface BuildOptions {
  metrics?: Metrics;
  /** Log every request (off in tests). */
  logRequests?: boolean;
}

/** Registers static assets in a context where every route is a public asset (no session lookup). */
function assets(root: string, prefix: string): FastifyPluginAsync {
  return async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), access: 'public', asset: true } as typeof route.config;
      route.schema = { ...(route.schema ?? {}), hide: true };
    });
    await scope.register(fastifyStatic, {
      root,
      prefix,
      decorateReply: false,
      maxAge: '7d',
      immutable: false,
      etag: true,
      index: false,
      // Only what pages load; the rest of the DSFR package is not served.
      allowedPath: (pathName) => !pathName.includes('..') && !pathName.endsWith('.map'),
    });
  };
}

export async function buildApp(core: Core, options: BuildOptions = {}): Promise<FastifyInstance> {
  const { config } = core;
  const secureCookies = config.env === 'production';
  const app = Fastify({
    loggerInstance: core.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: options.logRequests === false }),
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
  });
  const metrics = options.metrics ?? createMetrics();

  // Every route declares who may call it and a schema; checked once all plugins have registered (static asset
  // contexts fill in their own config in a nested onRoute hook, which runs after this one).
  app.decorate('relaisRoutes', [] as RegisteredRoute[]);
  const declared: Array<{ method: string | string[]; url: string; config?: { access?: unknown; asset?: boolean }; schema?: unknown }> = [];
  app.addHook('onRoute', (route) => {
    declared.push(route as never);
  });
  app.addHook('onReady', async () => {
    for (const route of declared) {
      if (!route.config?.access) throw new Error(`Route ${route.method} ${route.url} has no access rule (config.access)`);
      if (!route.schema) throw new Error(`Route ${route.method} ${route.url} has no schema`);
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD' && !route.config.asset) app.relaisRoutes.push({ method, url: route.url });
      }
    }
  });

  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'not_found', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        fontSrc: ["'self'"],
        // Map tiles come from the configured tile server (OpenStreetMap's by default).
        imgSrc: ["'self'", 'data:', new URL(config.mapTilesUrl.replace(/\{[a-z]\}/g, '0')).origin],
        connectSrc: ["'self'"],
        manifestSrc: ["'self'"],
        formAction: ["'self'", ...(config.proconnect ? [new URL(config.proconnect.issuer).origin] : [])],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: secureCookies ? [] : null,
      },
    },
    hsts: secureCookies,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie, { secret: core.secrets.secret });
  await app.register(fastifyFormbody);
  await app.register(fastifyEtag, { weak: true });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(errorHandlerPlugin);
  await app.register(pagesPlugin, { navigation: () => NAVIGATION, secureCookies });
  // Multipart forms (library uploads) are read before the CSRF check, which needs their `_csrf` field. Files come as
  // { filename, content }; one past the size limit arrives truncated and the service refuses it with its message.
  // A file is only read for a signed-in person on a route that takes one; anywhere else the upload is refused
  // before its bytes are buffered.
  const UPLOAD_ROUTES = new Set(['/pro/outils/:id/fichiers']);
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: 1, fields: 10, fieldSize: 100_000 },
    async onFile(this: FastifyRequest, part) {
      if (!this.actor || !UPLOAD_ROUTES.has(this.routeOptions.url ?? '')) {
        part.file.resume();
        throw new ForbiddenError();
      }
      (part as unknown as { value: unknown }).value = { filename: part.filename, content: await part.toBuffer() };
    },
  });
  await app.register(identityPlugin, { sessions: core.sessions, secret: core.secrets.secret, secureCookies });
  await app.register(ssePlugin);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'API Relais',
        version: '1',
        description:
          'API de Relais, plateforme nationale de coordination de la lutte contre la traite des êtres humains. ' +
          `Authentification par jeton (« Authorization: Bearer rls_… »), créé depuis « Mon compte » ou par \`relais token:create\`. Portées : ${Object.keys(API_SCOPES).join(', ')}. Erreurs au format application/problem+json (RFC 9457).`,
      },
      servers: [{ url: config.publicUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });

  await app.register(assets(DSFR_DIST, '/dsfr/'));
  await app.register(assets(PUBLIC_DIR, '/static/'));
  // The public map's Leaflet and its clustering (BSD-2-Clause, MIT), served from our own origin.
  await app.register(assets(LEAFLET_DIST, '/vendor/leaflet/'));
  await app.register(assets(MARKERCLUSTER_DIST, '/vendor/markercluster/'));

  const { organisations, accounts, admin, alerts, placements, cases, directory, newsletter, library, texts, leaflet, steering, collective, training, statistics } = core.services;
  const proconnect = config.proconnect
    ? createProConnect({ ...config.proconnect, redirectUri: `${config.publicUrl}/connexion/proconnect/callback` })
    : undefined;

  await app.register(systemRoutes({ database: core.database, metrics }));
  await app.register(portalRoutes({ navigation: () => NAVIGATION, tiles: () => TILES, secureCookies }));
  const accountDeps = { organisations, geo: core.geo, proconnect, secureCookies, publicUrl: config.publicUrl, loginRatePerMinute: config.loginRatePerMinute };
  for (const routes of accountsRoutes(accounts, accountDeps)) {
    await app.register(routes);
  }
  await app.register(organisationRoutes({ organisations, geo: core.geo }));
  await app.register(adminRoutes(admin));
  for (const routes of alertsRoutes(alerts, { realtime: core.realtime, geo: core.geo, clock: core.clock, organisations })) {
    await app.register(routes);
  }
  for (const routes of placementsRoutes(placements, { geo: core.geo, desks: core.desks, clock: core.clock, organisations })) {
    await app.register(routes);
  }
  for (const routes of casesRoutes(cases, { clock: core.clock })) {
    await app.register(routes);
  }
  for (const routes of directoryRoutes(directory, { publicUrl: config.publicUrl, geo: core.geo, tilesUrl: config.mapTilesUrl, clock: core.clock })) {
    await app.register(routes);
  }
  for (const routes of libraryRouteList(library)) {
    await app.register(routes);
  }
  await app.register(textsRoutes({ texts }));
  await app.register(steeringRoutes({ steering }));
  await app.register(trainingRoutes({ training }));
  await app.register(statisticsRoutes({ statistics }));
  await app.register(
    collectiveRoutes({
      db: core.db,
      meetings: collective.meetings,
      members: collective.members,
      mails: collective.mails,
      secret: core.secrets.secret,
      publicUrl: core.config.publicUrl,
      loadActor: (userId) => core.sessions.loadActor(userId, 'token', { mfaVerified: true, sessionId: null, tokenScopes: null }),
    }),
  );
  await app.register(leafletRoutes({ leaflet, publicUrl: config.publicUrl }));
  // The subscription form shares the sign-in's per-address budget: enough for people, not for a mail bomb.
  for (const routes of newsletterRoutes(newsletter, {
    geo: core.geo,
    publicUrl: config.publicUrl,
    subscribeRatePerMinute: config.loginRatePerMinute,
    publishedResources: async () => (await library.resources.search({})).map((r) => ({ id: r.id, title: r.title })),
  })) {
    await app.register(routes);
  }

  return app;
}
