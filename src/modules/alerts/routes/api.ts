import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Realtime } from '../../../platform/realtime/index.js';
import type { Geo } from '../../../platform/geo/index.js';
import type { AlertActions } from '../actions.js';
import { ALERTS_CHANNEL, type AlertSignal } from '../deps.js';
import type { Intake } from '../intake.js';
import { alertPolicy, DESK_ROLES, RAISERS } from '../policy.js';
import type { AlertQueries } from '../queries.js';
import {
  AlertCreated,
  AlertDetail,
  AlertForReporter,
  AlertInput,
  AlertSummary,
  CloseInput,
  DeskChoice,
  HandOffInput,
  IdParams,
  ListQuery,
  NoteInput,
} from '../schemas.js';

const tags = ['alertes'];
const security = [{ bearer: [] }];
const Reading = Type.Object({
  view: Type.Union([Type.Literal('desk'), Type.Literal('coordination'), Type.Literal('reporter')]),
  alert: Type.Union([AlertDetail, AlertForReporter]),
});
const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Clé choisie par le client : un renvoi avec la même clé rend la première alerte' })),
});

export function alertApiRoutes(deps: { intake: Intake; actions: AlertActions; queries: AlertQueries; realtime: Realtime; geo: Geo }) {
  const { intake, actions, queries, realtime, geo } = deps;
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      '/api/v1/alerts',
      {
        schema: {
          summary: 'Émettre une alerte',
          description: 'Routée aussitôt vers les permanences compétentes. En-tête Idempotency-Key recommandé : un renvoi rend la première alerte (200, en-tête Idempotent-Replayed).',
          tags,
          security,
          headers: IdempotencyHeaders,
          body: AlertInput,
          response: { 201: AlertCreated, 200: AlertCreated },
        },
        config: { access: RAISERS, scope: 'alerts:write' },
      },
      async (request, reply) => {
        const { alert, replayed } = await intake.raise(request.requireActor(), request.auditContext(), request.body, request.headers['idempotency-key']);
        if (replayed) reply.header('idempotent-replayed', 'true');
        return reply.code(replayed ? 200 : 201).header('location', `/api/v1/alerts/${alert.id}`).send(alert);
      },
    );

    app.get(
      '/api/v1/alerts',
      {
        schema: { summary: 'Alertes visibles par l’appelant', tags, security, querystring: ListQuery, response: { 200: Type.Object({ view: Type.String(), alerts: Type.Array(AlertSummary) }) } },
        config: { access: RAISERS, scope: 'alerts:read' },
      },
      async (request) => queries.list(request.requireActor(), request.auditContext(), request.query),
    );

    // Registered before /:id so that "stream" is not read as an identifier.
    app.get(
      '/api/v1/alerts/stream',
      {
        schema: {
          summary: 'Flux temps réel (Server-Sent Events) des alertes visibles par l’appelant',
          description: 'Un événement « ready » quand le flux écoute, puis un événement « alert » par changement : { id, reference, kind, status }. Relire l’alerte pour le détail.',
          tags,
          security,
          produces: ['text/event-stream'],
        },
        config: { access: RAISERS, scope: 'alerts:read' },
      },
      async (request, reply) => {
        const actor = request.requireActor();
        const myDeskIds = new Set((await queries.myDesks(actor)).map((d) => d.id));
        let unsubscribe: (() => void) | undefined;
        const stream = app.openEventStream(request, reply, () => unsubscribe?.());
        unsubscribe = await realtime.subscribe(ALERTS_CHANNEL, (payload) => {
          const signal = payload as AlertSignal;
          const view = alertPolicy.view(actor, myDeskIds, { departement: signal.departement, reporterUserId: signal.reporter, recipientDeskIds: signal.desks });
          if (view) stream.send('alert', { id: signal.id, reference: signal.reference, kind: signal.kind, status: signal.status }, `${signal.id}:${signal.kind}:${Date.now()}`);
        });
        if (stream.closed) unsubscribe();
        else stream.send('ready', { desks: myDeskIds.size });
      },
    );

    app.get(
      '/api/v1/alerts/:id',
      { schema: { summary: 'Une alerte, telle que l’appelant peut la voir', tags, security, params: IdParams, response: { 200: Reading } }, config: { access: RAISERS, scope: 'alerts:read' } },
      async (request) => {
        const reading = await queries.read(request.requireActor(), request.auditContext(), request.params.id);
        return { view: reading.view, alert: reading.detail };
      },
    );

    const reread = async (request: FastifyRequest<{ Params: { id: string } }>) => {
      const reading = await queries.read(request.requireActor(), request.auditContext(), request.params.id);
      return { view: reading.view, alert: reading.detail };
    };
    const actionConfig = { access: DESK_ROLES, scope: 'alerts:write' as const };

    app.post(
      '/api/v1/alerts/:id/acknowledge',
      { schema: { summary: 'Accuser réception pour l’une de mes permanences', tags, security, params: IdParams, body: Type.Optional(DeskChoice), response: { 200: Reading } }, config: actionConfig },
      async (request) => {
        await actions.acknowledge(request.requireActor(), request.auditContext(), request.params.id, request.body?.deskId);
        return reread(request);
      },
    );
    app.post(
      '/api/v1/alerts/:id/take-over',
      { schema: { summary: 'Prendre le relais (ma permanence devient pilote ; les autres sont prévenues)', tags, security, params: IdParams, body: Type.Optional(DeskChoice), response: { 200: Reading } }, config: actionConfig },
      async (request) => {
        await actions.takeOver(request.requireActor(), request.auditContext(), request.params.id, request.body?.deskId);
        return reread(request);
      },
    );
    app.post(
      '/api/v1/alerts/:id/hand-off',
      { schema: { summary: 'Transmettre à une autre permanence, avec une note', tags, security, params: IdParams, body: HandOffInput, response: { 200: Reading } }, config: actionConfig },
      async (request) => {
        await actions.handOff(request.requireActor(), request.auditContext(), request.params.id, request.body);
        return reread(request);
      },
    );
    app.post(
      '/api/v1/alerts/:id/notes',
      { schema: { summary: 'Ajouter une note au fil de l’alerte', tags, security, params: IdParams, body: NoteInput, response: { 200: Reading } }, config: actionConfig },
      async (request) => {
        await actions.addNote(request.requireActor(), request.auditContext(), request.params.id, request.body);
        return reread(request);
      },
    );
    app.post(
      '/api/v1/alerts/:id/close',
      { schema: { summary: 'Clore avec une issue', tags, security, params: IdParams, body: CloseInput, response: { 200: Reading } }, config: actionConfig },
      async (request) => {
        await actions.close(request.requireActor(), request.auditContext(), request.params.id, request.body);
        return reread(request);
      },
    );

    app.get(
      '/api/v1/geo/communes',
      {
        schema: {
          summary: 'Recherche de communes (nom, code INSEE ou code postal)',
          tags: ['géographie'],
          security,
          querystring: Type.Object({ q: Type.String({ minLength: 2, maxLength: 80 }) }),
          response: { 200: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), departement: Type.String() })) },
        },
        config: { access: 'authenticated', scope: 'alerts:read' },
      },
      async (request) => (await geo.searchCommunes(request.query.q, 10)).map((c) => ({ code: c.code, name: c.name, departement: c.departementCode })),
    );
  };
}
