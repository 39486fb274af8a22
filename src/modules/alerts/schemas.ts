import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { EXPLOITATION_FORMS, GENDERS } from '../reference/index.js';
import { ALERT_CONTEXTS, CONSENT_PATHS, MINOR_ANSWERS, OUTCOMES } from './reference.js';

/** A string among `values`: one `enum` (one clear error message) rather than a union of constants. */
const literals = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

export const Person = Type.Object(
  {
    minor: literals(MINOR_ANSWERS, 'Mineur : oui, non, ne sait pas'),
    estimatedAge: Type.Optional(Type.Integer({ minimum: 0, maximum: 120, description: 'Âge estimé' })),
    gender: literals(GENDERS),
    nationality: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', description: 'Code pays ISO 3166-1 alpha-2' })),
    languages: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]{2}$' }), { maxItems: 10, description: 'Codes ISO 639-1' })),
  },
  { additionalProperties: false },
);
export type Person = Static<typeof Person>;

export const Place = Type.Object(
  {
    commune: Type.Optional(Type.String({ pattern: '^(\\d{5}|2[AB]\\d{3})$', description: 'Code INSEE de la commune' })),
    departement: Type.Optional(Type.String({ pattern: '^(\\d{2}|2[AB]|9[78]\\d)$', description: 'Code du département' })),
    airport: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$', description: 'Code IATA de l’aéroport' })),
  },
  { additionalProperties: false, minProperties: 1, maxProperties: 1, description: 'Une seule des trois formes' },
);
export type Place = Static<typeof Place>;

export const AlertInput = Type.Object(
  {
    context: literals(ALERT_CONTEXTS),
    place: Place,
    personCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Nombre de personnes, si plus que les personnes décrites' })),
    persons: Type.Array(Person, { maxItems: 50 }),
    exploitation: Type.Optional(Type.Array(literals(EXPLOITATION_FORMS), { maxItems: 7 })),
    indicators: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 30 })),
    immediateDanger: Type.Optional(Type.Boolean()),
    consent: literals(CONSENT_PATHS),
    description: Type.Optional(Type.String({ maxLength: 4000, description: 'Texte libre (chiffré ; ne pas y écrire de nom sans nécessité)' })),
  },
  { additionalProperties: false, $id: 'AlertInput' },
);
export type AlertInput = Static<typeof AlertInput>;

export const DeskChoice = Type.Object({ deskId: Type.Optional(Type.String({ format: 'uuid', description: 'Au nom de laquelle de mes permanences' })) }, { additionalProperties: false });
export const HandOffInput = Type.Object(
  {
    deskId: Type.Optional(Type.String({ format: 'uuid', description: 'Ma permanence qui transmet' })),
    toDeskId: Type.String({ format: 'uuid', description: 'Permanence destinataire' }),
    note: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export const NoteInput = Type.Object({ deskId: Type.Optional(Type.String({ format: 'uuid' })), note: Type.String({ maxLength: 4000 }) }, { additionalProperties: false });
export const CloseInput = Type.Object(
  { deskId: Type.Optional(Type.String({ format: 'uuid' })), outcome: literals(OUTCOMES), note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type HandOffInput = Static<typeof HandOffInput>;
export type NoteInput = Static<typeof NoteInput>;
export type CloseInput = Static<typeof CloseInput>;

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ListQuery = Type.Object({
  vue: Type.Optional(Type.Union([Type.Literal('permanences'), Type.Literal('miennes'), Type.Literal('territoire')], { description: 'Alertes de mes permanences, que j’ai émises, ou de mon territoire (coordination)' })),
  statut: Type.Optional(Type.Union([Type.Literal('ouvertes'), Type.Literal('toutes')])),
});
export type ListQuery = Static<typeof ListQuery>;

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Recipient = Type.Object({
  deskId: Type.String({ format: 'uuid' }),
  desk: Type.String(),
  organisation: Type.String(),
  role: Type.Union([Type.Literal('responder'), Type.Literal('observer')]),
  level: Type.Integer(),
  deadlineAt: nullable(Type.String({ format: 'date-time' })),
  acknowledgedAt: nullable(Type.String({ format: 'date-time' })),
});

export const AlertSummary = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    reference: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    status: Type.String(),
    outcome: nullable(Type.String()),
    context: Type.String(),
    departement: Type.String(),
    airport: nullable(Type.String()),
    hasMinor: Type.Boolean(),
    immediateDanger: Type.Boolean(),
    personCount: Type.Integer(),
    escalationLevel: Type.Integer(),
    leadDesk: nullable(Type.String()),
    /** Earliest acknowledgement deadline of the caller's desks, if still pending. */
    myDeadlineAt: nullable(Type.String({ format: 'date-time' })),
  },
  { $id: 'AlertSummary' },
);
export type AlertSummary = Static<typeof AlertSummary>;

export const AlertEvent = Type.Object({
  at: Type.String({ format: 'date-time' }),
  kind: Type.String(),
  actor: nullable(Type.String()),
  desk: nullable(Type.String()),
  targetDesk: nullable(Type.String()),
  note: nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
});

export const AlertDetail = Type.Composite(
  [
    AlertSummary,
    Type.Object({
      commune: nullable(Type.String()),
      exploitation: Type.Array(Type.String()),
      indicators: Type.Array(Type.String()),
      consent: Type.String(),
      description: nullable(Type.String()),
      persons: Type.Array(
        Type.Object({
          minor: Type.String(),
          estimatedAge: nullable(Type.Integer()),
          gender: Type.String(),
          nationality: nullable(Type.String()),
          languages: Type.Array(Type.String()),
        }),
      ),
      recipients: Type.Array(Recipient),
      timeline: Type.Array(AlertEvent),
    }),
  ],
  { $id: 'AlertDetail' },
);
export type AlertDetail = Static<typeof AlertDetail>;

/** What the reporter sees of their own alert: where it stands, not the desks' work. */
export const AlertForReporter = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    reference: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    status: Type.String(),
    outcome: nullable(Type.String()),
    updatedAt: Type.String({ format: 'date-time' }),
    takenOverBy: nullable(Type.String()),
    immediateDanger: Type.Boolean(),
    hasMinor: Type.Boolean(),
  },
  { $id: 'AlertForReporter' },
);
export type AlertForReporter = Static<typeof AlertForReporter>;

export const AlertCreated = Type.Object({
  id: Type.String({ format: 'uuid' }),
  reference: Type.String(),
  status: Type.String(),
  departement: Type.String(),
  recipients: Type.Array(Recipient),
  emergencyNumbers: Type.Array(Type.String(), { description: 'À appeler sans attendre en cas de danger immédiat' }),
});
export type AlertCreated = Static<typeof AlertCreated>;
