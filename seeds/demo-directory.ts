import type { Core } from '../src/core.js';

/**
 * The directory's demo entries: organisations of the source document with only what it says of them (what they
 * do, for whom, where when it says so). No address, phone or e-mail is invented: a place is located at its
 * commune's centre (`geocoding: commune`), or has no location when the document gives none.
 */
const ENTRIES: ReadonlyArray<{
  organisation: string;
  description: string;
  service: { name: string; type: string; publics: string[]; forms: string[]; languages?: string[] };
  commune?: string;
}> = [
  {
    organisation: 'ALC',
    description: 'Association qui porte le dispositif national Ac.Sé.',
    service: {
      name: 'Dispositif national Ac.Sé : mise à l’abri loin du lieu d’exploitation',
      type: 'hebergement',
      publics: ['femmes', 'hommes'],
      forms: ['sexuelle', 'travail_force', 'servitude_domestique'],
    },
  },
  {
    organisation: 'Hors la Rue',
    description: 'Partenaire du dispositif mineurs de Paris.',
    service: {
      name: 'Repérage et accompagnement des mineurs en danger',
      type: 'accompagnement_social',
      publics: ['mineurs'],
      forms: ['delits', 'sexuelle', 'mendicite'],
    },
    commune: '75056',
  },
  {
    organisation: 'AFJ',
    description: 'Expérimentation d’un appartement en autonomie avec le parquet de Paris.',
    service: {
      name: 'Accompagnement renforcé de femmes victimes jusqu’au procès',
      type: 'accompagnement_social',
      publics: ['femmes'],
      forms: ['sexuelle'],
      languages: ['en'],
    },
    commune: '75056',
  },
  {
    organisation: 'CCEM',
    description: 'Comité contre l’esclavage moderne.',
    service: {
      name: 'Accompagnement juridique des victimes d’esclavage moderne',
      type: 'juridique',
      publics: ['femmes', 'hommes'],
      forms: ['servitude_domestique', 'travail_force'],
    },
  },
  {
    organisation: 'Parquet de Paris — section des mineurs',
    description: 'Saisine directe et ordonnance de placement provisoire dans les 48 heures (circuit court).',
    service: {
      name: 'Permanence du parquet des mineurs',
      type: 'signalement_enquete',
      publics: ['mineurs', 'professionnels'],
      forms: [],
    },
    commune: '75056',
  },
  {
    organisation: 'OCRTEH',
    description: 'Office central pour la répression de la traite des êtres humains.',
    service: {
      name: 'Enquêtes sur la traite des êtres humains',
      type: 'signalement_enquete',
      publics: ['professionnels'],
      forms: ['sexuelle', 'travail_force'],
    },
  },
];

export async function seedDemoDirectory(core: Core): Promise<void> {
  const { db } = core;
  for (const entry of ENTRIES) {
    const platform = await core.services.organisations.findByName(entry.organisation);
    const organization = await db
      .insertInto('directory_organizations')
      .values({
        name: entry.organisation,
        description: entry.description,
        organisation_id: platform?.id ?? null,
        source: 'seed',
        source_id: entry.organisation,
        last_verified_at: core.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const service = await db
      .insertInto('directory_services')
      .values({
        organization_id: organization.id,
        name: entry.service.name,
        description: entry.description,
        service_type: entry.service.type,
        publics: entry.service.publics,
        exploitation_forms: entry.service.forms,
        languages: entry.service.languages ?? ['fr'],
        source: 'seed',
        source_id: entry.organisation,
        last_verified_at: core.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (!entry.commune) continue;
    const commune = await core.geo.commune(entry.commune);
    const location = await db
      .insertInto('directory_locations')
      .values({
        organization_id: organization.id,
        commune_code: entry.commune,
        departement_code: commune?.departementCode ?? null,
        latitude: commune?.latitude ?? null,
        longitude: commune?.longitude ?? null,
        geocoding: 'commune',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('directory_service_at_locations')
      .values({ service_id: service.id, location_id: location.id })
      .execute();
  }
}
