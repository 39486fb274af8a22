import { type Static, Type } from '@sinclair/typebox';

export const ORGANISATION_TYPES = [
  'association',
  'parquet',
  'police',
  'gendarmerie',
  'paf',
  'inspection_travail',
  'ase',
  'pjj',
  'ofii',
  'ofpra',
  'structure_accueil',
  'transport_aerien',
  'consulat',
  'ministere',
  'coordination',
  'collectivite',
  'autre',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export function isOrganisationType(value: string): value is OrganisationType {
  return (ORGANISATION_TYPES as readonly string[]).includes(value);
}

/** What a person types in the organisation form; the service checks meaning (codes, formats). */
export const OrganisationForm = Type.Object({
  _csrf: Type.Optional(Type.String()),
  name: Type.String({ maxLength: 200 }),
  shortName: Type.Optional(Type.String({ maxLength: 60 })),
  type: Type.String({ maxLength: 40 }),
  departement: Type.Optional(Type.String({ maxLength: 3 })),
  siret: Type.Optional(Type.String({ maxLength: 20 })),
  rna: Type.Optional(Type.String({ maxLength: 12 })),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type OrganisationForm = Static<typeof OrganisationForm>;

export const OrganisationListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  type: Type.Optional(Type.String({ maxLength: 40 })),
  departement: Type.Optional(Type.String({ maxLength: 3 })),
});
export type OrganisationListQuery = Static<typeof OrganisationListQuery>;

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
