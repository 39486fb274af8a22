import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/** Our kinds of service in data·inclusion's `type` and `thematiques` (schema v1). */
const TYPE: Record<string, string> = {
  hebergement: 'aide-materielle',
  accueil_de_jour: 'accompagnement',
  accompagnement_social: 'accompagnement',
  juridique: 'accompagnement',
  sante: 'accompagnement',
  psychologique: 'accompagnement',
  interpretariat: 'accompagnement',
  insertion_formation: 'formation',
  ligne_ecoute: 'information',
  signalement_enquete: 'information',
};
const THEMATIQUES: Record<string, string[]> = {
  hebergement: ['logement-hebergement--rechercher-une-solution-dhebergement-temporaire'],
  juridique: ['difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits'],
  sante: ['sante--acces-aux-soins'],
  psychologique: ['sante--sante-mentale'],
};
const PUBLICS: Record<string, string> = { mineurs: 'jeunes', femmes: 'femmes', familles: 'familles' };

const day = (d: Date) => d.toISOString().slice(0, 10);
/** data·inclusion wants at least 5 characters of description. */
const describe = (text: string, fallback: string) => (text.trim().length >= 5 ? text.trim() : fallback);

/**
 * The public directory in the French data·inclusion schema (v1): structures and services, public entries only,
 * so that the national cartography can take them (https://www.data.inclusion.beta.gouv.fr/).
 */
export function createDataInclusionExport(deps: { db: Kysely<DB> }) {
  const { db } = deps;
  return {
    async export() {
      const organizations = await db
        .selectFrom('directory_organizations')
        .selectAll()
        .where('visibility', '=', 'public')
        .orderBy('name')
        .execute();
      const services = await db
        .selectFrom('directory_services as s')
        .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
        .selectAll('s')
        .where('s.visibility', '=', 'public')
        .where('o.visibility', '=', 'public')
        .orderBy('s.name')
        .execute();
      const locations = await db
        .selectFrom('directory_service_at_locations as sal')
        .innerJoin('directory_locations as l', 'l.id', 'sal.location_id')
        .leftJoin('communes as c', 'c.code', 'l.commune_code')
        .select([
          'sal.service_id',
          'l.address',
          'l.postal_code',
          'l.commune_code',
          'c.name as commune',
          'l.latitude',
          'l.longitude',
        ])
        .where('l.visibility', '=', 'public')
        .execute();
      const placeOf = new Map<string, (typeof locations)[number]>();
      for (const l of locations) if (!placeOf.has(l.service_id)) placeOf.set(l.service_id, l);
      const where = (l: (typeof locations)[number] | undefined) => ({
        adresse: l?.address ?? null,
        code_postal: l?.postal_code && /^\d{5}$/.test(l.postal_code) ? l.postal_code : null,
        code_insee: l?.commune_code ?? null,
        commune: l?.commune ?? null,
        latitude: l?.latitude ?? null,
        longitude: l?.longitude ?? null,
      });
      return {
        structures: organizations.map((o) => ({
          source: 'relais',
          id: o.id,
          nom: o.name,
          date_maj: day(o.updated_at),
          description: o.description.trim().length >= 5 ? o.description.trim() : null,
          siret: o.siret,
          site_web: o.website,
          courriel: o.email,
        })),
        services: services.map((s) => {
          const publics = [...new Set(s.publics.map((p) => PUBLICS[p] ?? 'tous-publics'))];
          return {
            source: 'relais',
            structure_id: s.organization_id,
            id: s.id,
            nom: s.name,
            description: describe(s.description, `${s.name}.`),
            date_maj: day(s.updated_at),
            type: TYPE[s.service_type] ?? null,
            thematiques: THEMATIQUES[s.service_type] ?? null,
            publics: publics.length > 0 ? publics : null,
            horaires_accueil: s.opening_hours,
            courriel: s.email,
            telephone: s.phone,
            lien_source: s.url,
            ...where(placeOf.get(s.id)),
          };
        }),
      };
    },
  };
}

export type DataInclusionExport = ReturnType<typeof createDataInclusionExport>;
