import type { Core } from '../src/core.js';

const SOURCE = 'la plénière du collectif du 5 juillet 2018 (MIPROF)';

/**
 * The tools the seed document names, as published demo entries: what they are, for whom, and where they are cited.
 * Their official text is not in the seed: none is invented; each entry says its text is still to be uploaded.
 */
const RESOURCES = [
  {
    kind: 'fiche_reflexe',
    title: 'Fiche réflexe : modèle d’audition des mineurs exploités à des fins de commettre des délits',
    summary:
      'Outil de la police et de la gendarmerie pour l’audition des mineurs contraints à commettre des délits, cité par la MIPROF parmi les outils du premier plan sur les mineurs.',
    body: 'Cette fiche réflexe est citée parmi les outils sur les mineurs à destination de la police et de la gendarmerie.\n\nSon texte officiel sera déposé ici par l’équipe éditoriale.',
    audiences: ['police_gendarmerie', 'magistrats'],
    exploitation_forms: ['delits'],
    tags: ['mineurs', 'audition', 'délits'],
  },
  {
    kind: 'kit_formation',
    title: 'Formation « Justice pénale et traite des êtres humains » de l’École nationale de la magistrature',
    summary:
      'Formation de 5 jours répertoriée à l’ENM, citée comme exemple de formation des magistrats du premier plan.',
    body: 'La formation dure cinq jours. Ses supports seront déposés ici lorsqu’ils seront transmis.',
    audiences: ['magistrats'],
    exploitation_forms: [],
    tags: ['formation', 'magistrats'],
  },
] as const;

export async function seedDemoLibrary(core: Core): Promise<void> {
  const now = core.clock.now();
  for (const r of RESOURCES) {
    const row = await core.db
      .insertInto('library_resources')
      .values({
        kind: r.kind,
        title: r.title,
        summary: r.summary,
        body: r.body,
        audiences: [...r.audiences],
        exploitation_forms: [...r.exploitation_forms],
        languages: ['fr'],
        tags: [...r.tags],
        status: 'published',
        version: 1,
        source: SOURCE,
        is_demo: true,
        created_at: now,
        updated_at: now,
        published_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await core.db
      .insertInto('library_versions')
      .values({
        resource_id: row.id,
        version: 1,
        title: r.title,
        summary: r.summary,
        body: r.body,
        published_at: now,
        published_by: null,
      })
      .execute();
  }
}
