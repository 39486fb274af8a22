import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { END_REASONS, PUBLICS, REFUSAL_REASONS, URGENCIES } from './reference.js';

const oneOf = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ExploitationPlace = Type.Object(
  {
    commune: Type.Optional(Type.String({ pattern: '^(\\d{5}|2[AB]\\d{3})$' })),
    departement: Type.Optional(Type.String({ pattern: '^(\\d{2}|2[AB]|9[78]\\d)$' })),
    airport: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$' })),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    maxProperties: 1,
    description: 'Lieu d’exploitation : une commune, un département ou un aéroport',
  },
);
export type ExploitationPlace = Static<typeof ExploitationPlace>;

export const SearchInput = Type.Object(
  {
    alertId: Type.Optional(
      Type.String({
        format: 'uuid',
        description:
          'Recherche depuis une alerte : son lieu et sa première personne servent de valeurs par défaut',
      }),
    ),
    public: Type.Optional(oneOf(PUBLICS)),
    age: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    gender: Type.Optional(oneOf(['female', 'male', 'other', 'unknown'] as const)),
    languages: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]{2}$' }), { maxItems: 10 })),
    accompaniedChildren: Type.Optional(
      Type.Boolean({ description: 'La personne est accompagnée d’enfants' }),
    ),
    needs: Type.Optional(Type.String({ maxLength: 500 })),
    place: Type.Optional(ExploitationPlace),
    minDistanceKm: Type.Optional(
      Type.Number({ description: 'Éloignement minimal du lieu d’exploitation, 100 km par défaut' }),
    ),
    urgency: Type.Optional(oneOf(URGENCIES)),
    includeExcluded: Type.Optional(
      Type.Boolean({ description: 'Lister aussi les structures écartées, avec la raison' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type SearchInput = Static<typeof SearchInput>;

export const SearchResult = Type.Object({
  offerId: Type.String({ format: 'uuid' }),
  offer: Type.String(),
  organisation: Type.String(),
  public: Type.String(),
  departement: Type.String(),
  /** The commune, except for secret addresses seen by someone who may not see them. */
  commune: nullable(Type.String()),
  distanceKm: Type.Integer(),
  freePlaces: Type.Integer(),
  specialisation: Type.String(),
  languages: Type.Array(Type.String()),
  capacityConfirmedAt: Type.String({ format: 'date-time' }),
  stale: Type.Boolean(),
  score: Type.Number(),
  reasons: Type.Array(Type.String(), { description: 'Pourquoi cette structure est proposée (codes)' }),
});
export type SearchResult = Static<typeof SearchResult>;

export const Excluded = Type.Object({
  offerId: Type.String(),
  offer: Type.String(),
  organisation: Type.String(),
  reasons: Type.Array(Type.String()),
});

export const SearchResponse = Type.Object(
  {
    criteria: Type.Object({
      public: Type.String(),
      minDistanceKm: Type.Number(),
      urgency: Type.String(),
      departement: Type.String(),
    }),
    results: Type.Array(SearchResult),
    excluded: Type.Optional(Type.Array(Excluded)),
  },
  { $id: 'PlacementSearch' },
);
export type SearchResponse = Static<typeof SearchResponse>;

export const ReserveInput = Type.Object(
  {
    offerId: Type.String({ format: 'uuid' }),
    alertId: Type.Optional(Type.String({ format: 'uuid' })),
    public: oneOf(PUBLICS),
    age: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    gender: Type.Optional(oneOf(['female', 'male', 'other', 'unknown'] as const)),
    languages: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]{2}$' }), { maxItems: 10 })),
    needs: Type.Optional(Type.String({ maxLength: 500 })),
    place: Type.Optional(ExploitationPlace),
    urgency: Type.Optional(oneOf(URGENCIES)),
    holdHours: Type.Optional(
      Type.Number({ minimum: 0.25, maximum: 72, description: 'Durée de la réservation, 4 h par défaut' }),
    ),
  },
  { additionalProperties: false },
);
export type ReserveInput = Static<typeof ReserveInput>;

export const RefuseInput = Type.Object(
  { reason: oneOf(REFUSAL_REASONS), note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export const EndInput = Type.Object(
  { reason: oneOf(END_REASONS), note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export type RefuseInput = Static<typeof RefuseInput>;
export type EndInput = Static<typeof EndInput>;

export const Placement = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    reference: Type.String(),
    status: Type.String(),
    offerId: Type.String({ format: 'uuid' }),
    offer: Type.String(),
    organisation: Type.String(),
    alertId: nullable(Type.String()),
    profile: Type.Record(Type.String(), Type.Unknown()),
    distanceKm: nullable(Type.Integer()),
    urgency: Type.String(),
    holdExpiresAt: Type.String({ format: 'date-time' }),
    acceptedAt: nullable(Type.String({ format: 'date-time' })),
    refusedAt: nullable(Type.String({ format: 'date-time' })),
    refusalReason: nullable(Type.String()),
    startedAt: nullable(Type.String({ format: 'date-time' })),
    endedAt: nullable(Type.String({ format: 'date-time' })),
    endReason: nullable(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Placement' },
);
export type Placement = Static<typeof Placement>;

export const CapacityRow = Type.Object({
  departement: Type.String(),
  public: Type.String(),
  offers: Type.Integer(),
  capacity: Type.Integer(),
  free: Type.Integer(),
  occupied: Type.Integer(),
  held: Type.Integer(),
  stale: Type.Integer(),
  paused: Type.Integer(),
});
export type CapacityRow = Static<typeof CapacityRow>;

export const CapacityResponse = Type.Object(
  {
    scope: Type.String({ description: 'national, un département, ou les offres de la structure' }),
    rows: Type.Array(CapacityRow),
    totals: Type.Array(Type.Omit(CapacityRow, ['departement'])),
    gaps: Type.Array(Type.Object({ departement: nullable(Type.String()), public: Type.String() }), {
      description: 'Publics sans aucune place libre',
    }),
  },
  { $id: 'Capacity' },
);
export type CapacityResponse = Static<typeof CapacityResponse>;

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const OfferSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  organisation: Type.String(),
  public: Type.String(),
  status: Type.String(),
  capacity: Type.Integer(),
  occupied: Type.Integer(),
  held: Type.Integer(),
  free: Type.Integer(),
  stale: Type.Boolean({ description: 'Capacité non confirmée depuis 7 jours' }),
  capacityConfirmedAt: Type.String({ format: 'date-time' }),
  commune: Type.String(),
  departement: Type.String(),
});

export const OppInput = Type.Object(
  {
    deskId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'La permanence prévenue ; par défaut la seule de l’appelant',
      }),
    ),
    alertId: Type.Optional(Type.String({ format: 'uuid' })),
    referredAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'Heure de la saisine ; maintenant par défaut' }),
    ),
  },
  { additionalProperties: false },
);
export const OppOrderInput = Type.Object(
  {
    orderedAt: Type.Optional(Type.String({ format: 'date-time' })),
    court: Type.String({
      minLength: 2,
      maxLength: 200,
      description: 'Juridiction (tribunal pour enfants, juge des enfants…)',
    }),
    offerId: Type.Optional(Type.String({ format: 'uuid' })),
    placementId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

export const OppProcedure = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    reference: Type.String(),
    state: Type.Unsafe<'running' | 'overdue' | 'ordered' | 'withdrawn'>({
      type: 'string',
      enum: ['running', 'overdue', 'ordered', 'withdrawn'],
    }),
    deskId: Type.String({ format: 'uuid' }),
    desk: Type.String(),
    alertId: nullable(Type.String()),
    referredAt: Type.String({ format: 'date-time' }),
    deadlineAt: Type.String({ format: 'date-time' }),
    remainingMs: Type.Integer(),
    orderedAt: nullable(Type.String({ format: 'date-time' })),
    orderedLate: Type.Boolean(),
    court: nullable(Type.String()),
    offerId: nullable(Type.String()),
    offer: nullable(Type.String()),
    placementId: nullable(Type.String()),
    warned24hAt: nullable(Type.String({ format: 'date-time' })),
    warned4hAt: nullable(Type.String({ format: 'date-time' })),
    breachedAt: nullable(Type.String({ format: 'date-time' })),
    withdrawnAt: nullable(Type.String({ format: 'date-time' })),
    withdrawnReason: nullable(Type.String()),
  },
  { $id: 'OppProcedure' },
);
