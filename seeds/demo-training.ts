import type { Core } from '../src/core.js';
import type { CourseInput } from '../src/modules/training/catalogue.js';

/** Published courses drawn from the seed document only; sessions are marked as demonstration data. */
const COURSES: (Omit<CourseInput, 'status' | 'resourceIds'> & {
  sessions?: { inDays: number; place: string; departementCode: string; capacity: number }[];
})[] = [
  {
    title: 'Traite des êtres humains — formation en justice pénale',
    summary:
      'Session de cinq jours de l’École nationale de la magistrature, dans son offre de formation en justice pénale.',
    audiences: ['magistrature'],
    format: 'presentiel',
    durationHours: '35',
    objectives:
      '- Reconnaître les situations de traite des êtres humains\n- Conduire la procédure pénale, de l’enquête au procès',
    prerequisites: 'Être magistrat ou auditeur de justice.',
    organiser: 'École nationale de la magistrature (ENM)',
    sessions: [
      { inDays: 45, place: 'École nationale de la magistrature, Paris', departementCode: '75', capacity: 30 },
    ],
  },
  {
    title: 'Agents de l’OFII et de l’OFPRA : toutes les formes d’exploitation',
    summary:
      'Formation des agents de l’OFII et de l’OFPRA au repérage des victimes de toutes les formes d’exploitation.',
    audiences: ['ofii_ofpra'],
    format: 'mixte',
    durationHours: '14',
    objectives: '- Repérer les victimes de toutes les formes d’exploitation\n- Orienter vers la protection',
    prerequisites: '',
    organiser: 'OFII et OFPRA',
  },
  {
    title: 'Professionnels de l’asile et de l’hébergement (CADA, CAO, GUDA, CHRS)',
    summary: 'Repérer et orienter les victimes accueillies dans les dispositifs d’asile et d’hébergement.',
    audiences: ['asile_hebergement'],
    format: 'presentiel',
    durationHours: '7',
    objectives:
      '- Repérer les signes de traite chez les personnes hébergées\n- Connaître les relais de protection',
    prerequisites: '',
    organiser: '',
  },
  {
    title: 'Protection des mineurs : ENPJJ et administrateurs ad hoc',
    summary:
      'Formation de l’École nationale de protection judiciaire de la jeunesse et des administrateurs ad hoc.',
    audiences: ['pjj_administrateurs'],
    format: 'presentiel',
    durationHours: '14',
    objectives: '- Protéger les mineurs victimes de traite\n- Représenter le mineur dans la procédure',
    prerequisites: '',
    organiser: 'École nationale de protection judiciaire de la jeunesse (ENPJJ)',
    sessions: [{ inDays: 60, place: 'ENPJJ, Roubaix', departementCode: '59', capacity: 20 }],
  },
  {
    title: 'Personnels navigants et au sol : repérage et circuit rapide d’alerte à Roissy',
    summary: 'Formation des personnels au sol et navigants des compagnies aériennes, avec l’IATA.',
    audiences: ['personnel_aerien'],
    format: 'mixte',
    durationHours: '4',
    objectives:
      '- Repérer une victime potentielle à bord ou à l’aéroport\n- Déclencher le circuit rapide d’alerte à Roissy',
    prerequisites: '',
    organiser: 'Compagnies aériennes avec l’IATA',
  },
  {
    title: 'Formation conjointe sur un cas réel',
    summary:
      'Associations, policiers, gendarmes, magistrats et OFII suivent un cas réel « des premiers instants jusqu’à l’ouverture du procès », puis en débattent : ce qui n’a pas fonctionné.',
    audiences: ['associations', 'police_gendarmerie', 'magistrature', 'ofii_ofpra'],
    format: 'mise_en_situation',
    durationHours: '14',
    objectives:
      '- Suivre un cas des premiers instants jusqu’à l’ouverture du procès\n- Identifier ce qui n’a pas fonctionné dans la coordination',
    prerequisites: '',
    organiser: 'ENM et École des barreaux',
    sessions: [
      { inDays: 30, place: 'École nationale de la magistrature, Paris', departementCode: '75', capacity: 24 },
    ],
  },
];

/** Idempotent: nothing happens when the demo courses exist. */
export async function seedDemoTraining(core: Core): Promise<void> {
  const { db } = core;
  const existing = await db.selectFrom('courses').select('id').where('is_demo', '=', true).executeTakeFirst();
  if (existing) return;
  const { catalogue } = core.services.training;
  const now = core.clock.now();
  for (const { sessions = [], ...course } of COURSES) {
    const { id } = await catalogue.create({ ...course, status: 'published', resourceIds: [] }, true);
    for (const s of sessions) {
      const starts = new Date(now.getTime() + s.inDays * 86400_000);
      starts.setUTCHours(8, 0, 0, 0);
      await db
        .insertInto('training_sessions')
        .values({
          course_id: id,
          starts_at: starts,
          ends_at: new Date(starts.getTime() + 8 * 3600_000),
          place: s.place,
          departement_code: s.departementCode,
          organiser: course.organiser,
          capacity: s.capacity,
          is_demo: true,
        })
        .execute();
    }
  }
}
