import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { EXPLOITATION_FORMS, GENDERS } from '../reference/index.js';
import { CONSENT_SCOPES, EVENT_CATEGORIES, EVENT_KINDS, OUTCOMES, PARTS } from './reference.js';

const oneOf = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const DATE = { format: 'date', description: 'AAAA-MM-JJ' } as const;
const ALL_KINDS = Object.values(EVENT_KINDS).flat();

export const Identity = Type.Object(
  {
    names: Type.Optional(Type.String({ maxLength: 300, description: 'Nom(s) et prénom(s)' })),
    aliases: Type.Optional(Type.String({ maxLength: 300, description: 'Alias, surnoms' })),
    birthDate: Type.Optional(Type.String({ maxLength: 40, description: 'Date de naissance (déclarée)' })),
    contact: Type.Optional(Type.String({ maxLength: 300, description: 'Moyen de contact sûr' })),
    documents: Type.Optional(Type.String({ maxLength: 500, description: 'Numéros de documents' })),
  },
  {
    additionalProperties: false,
    description: 'Chiffrée champ par champ ; visible seulement si le consentement couvre l’organisation',
  },
);
export type Identity = Static<typeof Identity>;

export const Exploitation = Type.Object(
  {
    form: oneOf(EXPLOITATION_FORMS),
    from: Type.Optional(Type.String(DATE)),
    to: Type.Optional(Type.String(DATE)),
    departement: Type.Optional(Type.String({ pattern: '^(\\d{2}|2[AB]|9[78]\\d)$' })),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
  },
  { additionalProperties: false },
);

export const CaseInput = Type.Object(
  {
    alertId: Type.Optional(
      Type.String({ format: 'uuid', description: 'Alerte d’origine (le lien est gardé)' }),
    ),
    minor: Type.Boolean(),
    age: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    gender: Type.Optional(oneOf(GENDERS)),
    nationality: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    languages: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]{2}$' }), { maxItems: 10 })),
    exploitation: Type.Optional(Type.Array(Exploitation, { maxItems: 10 })),
    pilotTags: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z0-9-]{2,40}$' }), { maxItems: 10 })),
    identity: Type.Optional(Identity),
    consent: Type.Optional(
      Type.Object(
        {
          scopes: Type.Array(oneOf(CONSENT_SCOPES), { minItems: 1 }),
          givenAt: Type.Optional(Type.String({ format: 'date-time' })),
        },
        {
          additionalProperties: false,
          description: 'Le consentement de la personne pour l’organisation qui ouvre le dossier',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type CaseInput = Static<typeof CaseInput>;

export const EventInput = Type.Object(
  {
    kind: oneOf(ALL_KINDS as unknown as readonly string[]),
    occurredOn: Type.String(DATE),
    endsOn: Type.Optional(Type.String(DATE)),
    service: Type.Optional(Type.String({ maxLength: 200, description: 'Service, juridiction, structure' })),
    accompanied: Type.Optional(Type.Boolean({ description: 'Procès : la victime était-elle accompagnée ?' })),
    present: Type.Optional(Type.Boolean({ description: 'Procès : la victime était-elle présente ?' })),
    outcome: Type.Optional(oneOf(OUTCOMES)),
    departement: Type.Optional(
      Type.String({
        pattern: '^(\\d{2}|2[AB]|9[78]\\d)$',
        description: 'Fugue : où la personne a été vue en dernier',
      }),
    ),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type EventInput = Static<typeof EventInput>;

export const CaseEvent = Type.Object({
  id: Type.String({ format: 'uuid' }),
  category: oneOf(EVENT_CATEGORIES),
  kind: Type.String(),
  occurredOn: Type.String(DATE),
  endsOn: nullable(Type.String(DATE)),
  details: Type.Record(Type.String(), Type.Unknown()),
  note: nullable(Type.String()),
  organisation: nullable(Type.String()),
  alertId: nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});
export type CaseEvent = Static<typeof CaseEvent>;

export const CaseSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  reference: Type.String(),
  status: Type.String(),
  minor: Type.Boolean(),
  age: nullable(Type.Integer()),
  gender: Type.String(),
  leadOrganisation: Type.String(),
  pilotTags: Type.Array(Type.String()),
  openedAt: Type.String({ format: 'date-time' }),
  closedAt: nullable(Type.String({ format: 'date-time' })),
  outcome: nullable(Type.String()),
  nextDate: nullable(Type.Object({ kind: Type.String(), on: Type.String(DATE) })),
});
export type CaseSummary = Static<typeof CaseSummary>;

export const CaseFile = Type.Object(
  {
    ...CaseSummary.properties,
    access: Type.Object({
      as: Type.String(),
      parts: Type.Array(Type.String()),
      identity: Type.Boolean(),
      canEdit: Type.Boolean(),
    }),
    nationality: nullable(Type.String()),
    languages: Type.Array(Type.String()),
    exploitation: Type.Array(Type.Record(Type.String(), Type.Unknown())),
    identity: nullable(Identity),
    organisations: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        role: Type.String(),
        parts: Type.Array(Type.String()),
      }),
    ),
    consents: Type.Array(
      Type.Object({
        id: Type.String(),
        organisationId: Type.String(),
        organisation: Type.String(),
        scopes: Type.Array(Type.String()),
        givenAt: Type.String({ format: 'date-time' }),
        withdrawnAt: nullable(Type.String({ format: 'date-time' })),
      }),
    ),
    links: Type.Array(
      Type.Object({ kind: Type.String(), id: Type.String(), reference: nullable(Type.String()) }),
    ),
    events: Type.Array(CaseEvent),
  },
  { $id: 'CaseFile' },
);
export type CaseFile = Static<typeof CaseFile>;

export const ReferralInput = Type.Object(
  {
    kind: oneOf(['referral', 'transfer'] as const),
    organisationId: Type.String({ format: 'uuid' }),
    parts: Type.Array(oneOf(PARTS), {
      minItems: 1,
      description: 'Ce que l’organisation destinataire pourra voir',
    }),
  },
  { additionalProperties: false },
);
export type ReferralInput = Static<typeof ReferralInput>;

export const Referral = Type.Object({
  id: Type.String({ format: 'uuid' }),
  caseId: Type.String({ format: 'uuid' }),
  reference: Type.String(),
  kind: Type.String(),
  from: Type.String(),
  to: Type.String(),
  parts: Type.Array(Type.String()),
  status: Type.String(),
  reason: nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Referral = Static<typeof Referral>;

export const AccessLogEntry = Type.Object({
  at: Type.String({ format: 'date-time' }),
  user: nullable(Type.String()),
  organisation: nullable(Type.String()),
  action: Type.String(),
  via: Type.String(),
});
export type AccessLogEntry = Static<typeof AccessLogEntry>;

export const Indicators = Type.Object(
  {
    from: Type.String(DATE),
    to: Type.String(DATE),
    rows: Type.Array(
      Type.Object({
        tag: Type.String(),
        entries: Type.Integer(),
        placements: Type.Integer(),
        runaways: Type.Integer(),
        returns: Type.Integer(),
        trials: Type.Integer(),
        presentAtTrial: Type.Integer(),
        autonomy: Type.Integer(),
      }),
    ),
  },
  { $id: 'CaseIndicators' },
);
export type Indicators = Static<typeof Indicators>;
