/** What a directory entry is described with (codes stored; labels in the catalogs). */

/** Kinds of service, as the issue and data·inclusion's "types de services" name them. */
export const SERVICE_TYPES = [
  'hebergement',
  'accueil_de_jour',
  'accompagnement_social',
  'juridique',
  'sante',
  'psychologique',
  'interpretariat',
  'insertion_formation',
  'ligne_ecoute',
  'signalement_enquete',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** Publics a service is for. */
export const DIRECTORY_PUBLICS = [
  'mineurs',
  'femmes',
  'hommes',
  'familles',
  'personnes_lgbt',
  'professionnels',
] as const;

/** The HSDS version and profile the API answers with. */
export const HSDS_VERSION = '3.0';
export const HSDS_PROFILE = 'https://docs.openreferral.org/en/latest/hsds/';
