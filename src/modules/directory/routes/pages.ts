import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../../platform/time/clock.js';
import type { Geo } from '../../../platform/geo/index.js';
import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { DataInclusionExport } from '../data-inclusion.js';
import type { MapCache } from '../map-cache.js';
import { MAP_CACHE_SECONDS } from '../map-cache.js';
import type { PlaceFilters, Places } from '../places.js';
import { staleSince, type Upkeep } from '../upkeep.js';
import { DepartementsPage, type MapFilterValues, MapPage, PlacePage } from '../views/map.js';

const page = { hide: true };
const open = { access: 'public' as const };
const short = (maxLength = 40) => Type.Optional(Type.String({ maxLength }));
const MapQuery = Type.Object(
  {
    departement: short(3),
    public: short(),
    exploitation: short(),
    type: short(),
    langue: short(2),
    q: short(200),
    ouvert: short(3),
  },
  { additionalProperties: false },
);
const GeoQuery = Type.Object(
  {
    bbox: Type.Optional(Type.String({ maxLength: 100, description: 'minLon,minLat,maxLon,maxLat (WGS 84)' })),
    public: short(),
    exploitation: short(),
    type: short(),
    departement: short(3),
    langue: short(2),
    ouvert: Type.Optional(Type.String({ maxLength: 3, description: '« oui » : ouverts maintenant' })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

function filtersOf(values: MapFilterValues): PlaceFilters {
  return {
    departement: values.departement || undefined,
    public: values.public || undefined,
    exploitation: values.exploitation || undefined,
    type: values.type || undefined,
    language: values.langue || undefined,
    q: values.q || undefined,
    openNow: values.ouvert === 'oui',
  };
}

function translate(request: FastifyRequest, error: ValidationError): FieldErrors {
  return Object.fromEntries(
    Object.entries(error.fields).map(([field, key]) => [
      field === 'language' ? 'langue' : field,
      request.t(key),
    ]),
  );
}

/** The public map: its accessible list (the primary view, no script needed), CSV, one page per place, départements. */
export function directoryPageRoutes(deps: {
  places: Places;
  mapCache: MapCache;
  dataInclusion: DataInclusionExport;
  upkeep: Upkeep;
  geo: Geo;
  tilesUrl: string;
  clock: Clock;
}) {
  const { places, mapCache, dataInclusion, upkeep, geo, tilesUrl, clock } = deps;
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/carte',
      { schema: { ...page, querystring: MapQuery }, attachValidation: true, config: open },
      async (request, reply) => {
        const values = request.validationError ? {} : request.query;
        const query = new URLSearchParams(
          Object.entries(values).filter(([, v]) => v) as Array<[string, string]>,
        ).toString();
        const departements = await geo.departements();
        try {
          const found = await places.search(filtersOf(values));
          return reply.page(
            MapPage({ ctx: request.pageContext(), values, places: found, departements, query, tilesUrl }),
          );
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return reply.page(
            MapPage({
              ctx: request.pageContext(),
              values,
              places: [],
              departements,
              errors: translate(request, error),
              query,
              tilesUrl,
            }),
            422,
          );
        }
      },
    );

    app.get(
      '/carte.csv',
      { schema: { ...page, querystring: MapQuery }, config: open },
      async (request, reply) => {
        const found = await places.search(filtersOf(request.query));
        const csv = stringify(
          found.map((p) => [
            p.service,
            p.organisation,
            p.type,
            p.address ?? '',
            p.postalCode ?? '',
            p.commune ?? '',
            p.departement ?? '',
            p.publics.join(' '),
            p.exploitation.join(' '),
            p.languages.join(' '),
            p.openingHours ?? '',
            p.phone ?? '',
            p.email ?? '',
            p.url ?? '',
            p.latitude ?? '',
            p.longitude ?? '',
          ]),
          {
            header: true,
            columns: [
              'service',
              'organisation',
              'type',
              'adresse',
              'code_postal',
              'commune',
              'departement',
              'publics',
              'formes_exploitation',
              'langues',
              'horaires',
              'telephone',
              'courriel',
              'site',
              'latitude',
              'longitude',
            ],
          },
        );
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="relais-carte.csv"')
          .send(csv);
      },
    );

    app.get('/carte/departements', { schema: page, config: open }, async (request, reply) =>
      reply.page(
        DepartementsPage({
          ctx: request.pageContext(),
          counts: await places.countsByDepartement(),
          departements: await geo.departements(),
        }),
      ),
    );

    const renderPlace = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      extra: { reported?: boolean; errors?: FieldErrors; message?: string } = {},
      status = 200,
    ) => {
      const [place] = await places.search({ id });
      if (!place) throw new NotFoundError();
      const stale = !place.lastVerifiedAt || new Date(place.lastVerifiedAt) < staleSince(clock.now());
      return reply.page(PlacePage({ ctx: request.pageContext(), place, stale, ...extra }), status);
    };
    const PlaceParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

    app.get(
      '/carte/lieux/:id',
      {
        schema: { ...page, params: PlaceParams, querystring: Type.Object({ signale: short(1) }) },
        config: open,
      },
      async (request, reply) =>
        renderPlace(request, reply, request.params.id, { reported: request.query.signale === '1' }),
    );

    app.post(
      '/carte/lieux/:id/signaler',
      {
        schema: {
          ...page,
          params: PlaceParams,
          body: Type.Object({
            _csrf: Type.Optional(Type.String()),
            message: Type.Optional(Type.String({ maxLength: 2000 })),
          }),
        },
        config: open,
      },
      async (request, reply) => {
        const message = request.body.message ?? '';
        try {
          await upkeep.report(request.params.id, message);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return renderPlace(
            request,
            reply,
            request.params.id,
            { errors: translate(request, error), message },
            422,
          );
        }
        return reply.redirect(`/carte/lieux/${request.params.id}?signale=1`, 303);
      },
    );

    app.get(
      '/api/v1/directory/places.geojson',
      {
        schema: {
          summary:
            'Lieux publics de l’annuaire en GeoJSON (emprise, public, forme d’exploitation, type, recherche)',
          tags: ['directory'],
          querystring: GeoQuery,
          response: {
            200: Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Any()) }),
            304: Type.Null({ description: 'Inchangé depuis l’ETag envoyé (If-None-Match)' }),
          },
        },
        config: open,
      },
      async (request, reply) => {
        const { langue, ouvert, ...rest } = request.query;
        const answer = await mapCache.geojson({ ...rest, language: langue, openNow: ouvert === 'oui' });
        reply.header('etag', answer.etag).header('cache-control', `public, max-age=${MAP_CACHE_SECONDS}`);
        if (request.headers['if-none-match'] === answer.etag) return reply.code(304).send(null);
        // Already serialised (and kept so): a string is sent as it is, the schema above documents its shape.
        return reply.type('application/geo+json; charset=utf-8').send(answer.body as never);
      },
    );

    app.get(
      '/api/v1/directory/data-inclusion.json',
      {
        schema: {
          summary: 'L’annuaire public au schéma data·inclusion v1 (structures et services)',
          tags: ['directory'],
          response: {
            200: Type.Object({ structures: Type.Array(Type.Any()), services: Type.Array(Type.Any()) }),
          },
        },
        config: open,
      },
      async () => dataInclusion.export(),
    );
  };
}
