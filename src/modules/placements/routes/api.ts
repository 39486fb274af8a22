import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../../platform/auth/roles.js';
import type { Capacity } from '../capacity.js';
import type { OfferService } from '../offers.js';
import type { OppClock } from '../opp.js';
import { PLACEMENT_ROLES, SEARCHERS } from '../policy.js';
import { OPP_WITHDRAWAL_REASONS } from '../reference.js';
import type { Reservations } from '../reservations.js';
import {
  CapacityResponse,
  EndInput,
  IdParams,
  OfferSummary,
  OppInput,
  OppOrderInput,
  OppProcedure,
  Placement,
  RefuseInput,
  ReserveInput,
  SearchInput,
  SearchResponse,
} from '../schemas.js';
import type { PlacementSearch } from '../search.js';

const tags = ['placements'];
const security = [{ bearer: [] }];
const DECIDERS: Role[] = ['host_staff', 'coordinator'];
const OPP_ROLES: Role[] = ['duty_desk', 'coordinator'];
const read = (access: readonly Role[]) => ({ access: [...access], scope: 'placements:read' as const });
const write = (access: readonly Role[]) => ({ access: [...access], scope: 'placements:write' as const });

export function placementApiRoutes(deps: {
  search: PlacementSearch;
  reservations: Reservations;
  offers: OfferService;
  capacity: Capacity;
  opp: OppClock;
}) {
  const { search, reservations, offers, capacity, opp } = deps;
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      '/api/v1/placements/search',
      {
        schema: {
          summary: 'Chercher une place d’hébergement protecteur loin du lieu d’exploitation',
          description:
            'Filtres stricts (public, place libre, éloignement minimal — 100 km par défaut —, âge, enfants accompagnants), puis classement (langue, spécialisation, fraîcheur de la capacité, tranche de distance). Chaque résultat dit pourquoi il est proposé ; `includeExcluded` liste les structures écartées avec la raison. Depuis une alerte, son lieu et sa première personne servent de valeurs par défaut.',
          tags,
          security,
          body: SearchInput,
          response: { 200: SearchResponse },
        },
        config: read(SEARCHERS),
      },
      async (request) => search.search(request.requireActor(), request.body),
    );

    app.post(
      '/api/v1/placements',
      {
        schema: {
          summary: 'Réserver une place (mise en attente, 4 h par défaut)',
          description:
            'La structure accepte ou refuse ; sans réponse, la réservation expire et la place est libérée. La dernière place libre n’est jamais donnée deux fois (409 sinon).',
          tags,
          security,
          body: ReserveInput,
          response: { 201: Placement },
        },
        config: write(SEARCHERS),
      },
      async (request, reply) => {
        const placement = await reservations.reserve(
          request.requireActor(),
          request.auditContext(),
          request.body,
        );
        return reply.code(201).header('location', `/api/v1/placements/${placement.id}`).send(placement);
      },
    );

    app.get(
      '/api/v1/placements',
      {
        schema: {
          summary: 'Placements suivis par l’appelant',
          tags,
          security,
          response: { 200: Type.Object({ placements: Type.Array(Placement) }) },
        },
        config: read(PLACEMENT_ROLES),
      },
      async (request) => ({ placements: await reservations.list(request.requireActor()) }),
    );

    app.get(
      '/api/v1/placements/:id',
      {
        schema: { summary: 'Un placement', tags, security, params: IdParams, response: { 200: Placement } },
        config: read(PLACEMENT_ROLES),
      },
      async (request) => reservations.get(request.requireActor(), request.params.id),
    );

    app.post(
      '/api/v1/placements/:id/accept',
      {
        schema: {
          summary: 'Accepter une demande (structure)',
          tags,
          security,
          params: IdParams,
          response: { 200: Placement },
        },
        config: write(DECIDERS),
      },
      async (request) =>
        reservations.accept(request.requireActor(), request.auditContext(), request.params.id),
    );
    app.post(
      '/api/v1/placements/:id/refuse',
      {
        schema: {
          summary: 'Refuser une demande, avec la raison (structure)',
          tags,
          security,
          params: IdParams,
          body: RefuseInput,
          response: { 200: Placement },
        },
        config: write(DECIDERS),
      },
      async (request) =>
        reservations.refuse(request.requireActor(), request.auditContext(), request.params.id, request.body),
    );
    app.post(
      '/api/v1/placements/:id/start',
      {
        schema: {
          summary: 'La personne est arrivée : le placement commence',
          tags,
          security,
          params: IdParams,
          response: { 200: Placement },
        },
        config: write(DECIDERS),
      },
      async (request) =>
        reservations.start(request.requireActor(), request.auditContext(), request.params.id),
    );
    app.post(
      '/api/v1/placements/:id/end',
      {
        schema: {
          summary: 'Fin du placement, avec l’issue',
          tags,
          security,
          params: IdParams,
          body: EndInput,
          response: { 200: Placement },
        },
        config: write(DECIDERS),
      },
      async (request) =>
        reservations.end(request.requireActor(), request.auditContext(), request.params.id, request.body),
    );
    app.post(
      '/api/v1/placements/:id/cancel',
      {
        schema: {
          summary: 'Retirer sa demande avant l’arrivée (demandeur)',
          tags,
          security,
          params: IdParams,
          response: { 200: Placement },
        },
        config: write(SEARCHERS),
      },
      async (request) =>
        reservations.cancel(request.requireActor(), request.auditContext(), request.params.id),
    );

    app.get(
      '/api/v1/capacity',
      {
        schema: {
          summary: 'Capacité d’hébergement : places libres, occupées, réservées, par département et public',
          description:
            'Les coordinations voient tout ; une structure ses propres offres. `gaps` : publics sans aucune place libre.',
          tags,
          security,
          querystring: Type.Object({
            departement: Type.Optional(Type.String({ pattern: '^(\\d{2}|2[AB]|9[78]\\d)$' })),
          }),
          response: { 200: CapacityResponse },
        },
        config: read(DECIDERS),
      },
      async (request) => capacity.report(request.requireActor(), request.query.departement),
    );

    app.get(
      '/api/v1/offers',
      {
        schema: {
          summary: 'Offres d’hébergement gérées par l’appelant',
          tags,
          security,
          response: { 200: Type.Object({ offers: Type.Array(OfferSummary) }) },
        },
        config: read(DECIDERS),
      },
      async (request) => ({
        offers: (await offers.list(request.requireActor())).map((o) => ({
          id: o.id,
          name: o.name,
          organisation: o.organisation_name,
          public: o.public,
          status: o.status,
          capacity: o.capacity,
          occupied: o.occupied,
          held: o.held,
          free: o.free,
          stale: o.stale,
          capacityConfirmedAt: o.capacity_confirmed_at.toISOString(),
          commune: o.commune_name,
          departement: o.departement_code,
        })),
      }),
    );
    app.post(
      '/api/v1/offers/:id/capacity',
      {
        schema: {
          summary: 'Confirmer la capacité d’une offre (éventuellement avec le nouveau nombre de places)',
          tags,
          security,
          params: IdParams,
          body: Type.Optional(
            Type.Object(
              { capacity: Type.Optional(Type.Integer({ minimum: 0, maximum: 500 })) },
              { additionalProperties: false },
            ),
          ),
          response: { 204: Type.Null() },
        },
        config: write(DECIDERS),
      },
      async (request, reply) => {
        await offers.confirmCapacity(
          request.requireActor(),
          request.auditContext(),
          request.params.id,
          request.body?.capacity,
        );
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/v1/opp',
      {
        schema: {
          summary: 'Enregistrer la saisine par le parquet des mineurs : le délai de 48 h pour l’OPP démarre',
          description:
            'La permanence est prévenue à 24 h et à 4 h de l’échéance ; le dépassement est enregistré à 48 h.',
          tags,
          security,
          body: OppInput,
          response: { 201: OppProcedure },
        },
        config: write(OPP_ROLES),
      },
      async (request, reply) => {
        const procedure = await opp.refer(request.requireActor(), request.auditContext(), request.body);
        return reply.code(201).header('location', `/api/v1/opp/${procedure.id}`).send(procedure);
      },
    );
    app.get(
      '/api/v1/opp',
      {
        schema: {
          summary: 'Délais d’OPP des permanences de l’appelant',
          tags,
          security,
          response: { 200: Type.Object({ procedures: Type.Array(OppProcedure) }) },
        },
        config: read(OPP_ROLES),
      },
      async (request) => ({ procedures: await opp.list(request.requireActor()) }),
    );
    app.get(
      '/api/v1/opp/:id',
      {
        schema: {
          summary: 'Un délai d’OPP',
          tags,
          security,
          params: IdParams,
          response: { 200: OppProcedure },
        },
        config: read(OPP_ROLES),
      },
      async (request) => opp.get(request.requireActor(), request.params.id),
    );
    app.post(
      '/api/v1/opp/:id/order',
      {
        schema: {
          summary: 'Enregistrer l’ordonnance de placement provisoire (heure, juridiction, structure)',
          tags,
          security,
          params: IdParams,
          body: OppOrderInput,
          response: { 200: OppProcedure },
        },
        config: write(OPP_ROLES),
      },
      async (request) =>
        opp.order(request.requireActor(), request.auditContext(), request.params.id, request.body),
    );
    app.post(
      '/api/v1/opp/:id/withdraw',
      {
        schema: {
          summary: 'Arrêter le délai sans OPP, avec la raison',
          tags,
          security,
          params: IdParams,
          body: Type.Object(
            { reason: Type.Unsafe<string>({ type: 'string', enum: [...OPP_WITHDRAWAL_REASONS] }) },
            { additionalProperties: false },
          ),
          response: { 200: OppProcedure },
        },
        config: write(OPP_ROLES),
      },
      async (request) =>
        opp.withdraw(request.requireActor(), request.auditContext(), request.params.id, request.body.reason),
    );
  };
}
