import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Hsds } from '../hsds.js';

const tags = ['hsds'];
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const ListQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, description: 'Page (1 par défaut)' })),
    per_page: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, description: 'Taille de page (50 par défaut, 100 au plus)' }),
    ),
    search: Type.Optional(
      Type.String({ maxLength: 200, description: 'Recherche en français, sans tenir compte des accents' }),
    ),
    modified_after: Type.Optional(Type.String({ maxLength: 40, description: 'Date-heure ISO 8601' })),
    organization_id: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
const NearQuery = Type.Object(
  {
    ...ListQuery.properties,
    lat: Type.Optional(Type.Number({ description: 'Proximité : latitude' })),
    lon: Type.Optional(Type.Number({ description: 'Proximité : longitude' })),
    radius_km: Type.Optional(Type.Number({ description: 'Proximité : rayon en km (1 000 au plus)' })),
  },
  { additionalProperties: false },
);
/** HSDS objects are returned as the specification describes them (validated in the tests against its schemas). */
const HsdsObject = Type.Object({}, { additionalProperties: true });
const open = { access: 'public' as const };

/**
 * The Open Referral HSDS 3.0 API of the public directory (read only, no authentication): only `public` entries.
 * https://docs.openreferral.org/en/latest/hsds/
 */
export function hsdsRoutes(deps: { hsds: Hsds; publicUrl: string }) {
  const { hsds, publicUrl } = deps;
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/hsds/',
      {
        schema: {
          summary: 'HSDS : version et profil de l’API',
          tags,
          response: {
            200: Type.Object({ version: Type.String(), profile: Type.String(), openapi_url: Type.String() }),
          },
        },
        config: open,
      },
      async () => hsds.root(publicUrl),
    );
    app.get(
      '/hsds/services',
      {
        schema: {
          summary: 'HSDS : services publics (paginés)',
          tags,
          querystring: ListQuery,
          response: { 200: HsdsObject },
        },
        config: open,
      },
      async (request) => hsds.services(request.query),
    );
    app.get(
      '/hsds/services/:id',
      {
        schema: { summary: 'HSDS : un service', tags, params: IdParams, response: { 200: HsdsObject } },
        config: open,
      },
      async (request) => hsds.service(request.params.id),
    );
    app.get(
      '/hsds/organizations',
      {
        schema: {
          summary: 'HSDS : organisations publiques (paginées)',
          tags,
          querystring: ListQuery,
          response: { 200: HsdsObject },
        },
        config: open,
      },
      async (request) => hsds.organizations(request.query),
    );
    app.get(
      '/hsds/organizations/:id',
      {
        schema: {
          summary: 'HSDS : une organisation et ses services',
          tags,
          params: IdParams,
          response: { 200: HsdsObject },
        },
        config: open,
      },
      async (request) => hsds.organization(request.params.id),
    );
    app.get(
      '/hsds/service_at_locations',
      {
        schema: {
          summary: 'HSDS : services en un lieu (paginés, recherche, proximité)',
          tags,
          querystring: NearQuery,
          response: { 200: HsdsObject },
        },
        config: open,
      },
      async (request) => hsds.serviceAtLocations(request.query),
    );
  };
}
