import type { Core } from '../src/core.js';
import type { QuizChoice } from '../src/platform/db/schema-training.js';

/**
 * One distance module, written by us from the seed document (the plenary of 5 July 2018): the Paris circuit for
 * minor victims. Associations asked for distance training tools; this is the first. No person is named.
 */
/** The catalogue derives the address from the title. */
export const DEMO_MODULE_SLUG = 'mineurs-victimes-de-traite-le-circuit-court';

const LESSONS: { title: string; body: string }[] = [
  {
    title: 'Pourquoi un circuit pour les mineurs',
    body: `Le premier plan national d’action (2014–2016) a fait un constat : il existait une protection pour les victimes majeures, et **rien pour les mineurs**. Il fallait au minimum offrir aux mineurs ce qui existait pour les majeurs.

Le choix a été de **rester dans le droit commun** : un mineur victime de traite est un enfant en danger. Il relève de la protection de l’enfance, comme tout autre mineur en danger.

À Paris, une convention signée le 1er juin 2016 (effective dès 2015) a réuni notamment :

- le préfet de Paris ;
- le procureur de la République du tribunal de Paris ;
- la protection judiciaire de la jeunesse ;
- le bâtonnier de l’ordre des avocats ;
- l’association Hors la Rue.

Le projet a été préparé avec le Secours Catholique – Caritas France.`,
  },
  {
    title: 'Le circuit court : la rapidité d’abord',
    body: `**La clé de la prise en charge est la rapidité d’intervention.** Un mineur laissé plusieurs jours sans protection retourne souvent vers ceux qui l’exploitent.

Le circuit court parisien :

1. le parquet des enfants de Paris est saisi **directement** ;
2. il prend une **ordonnance de placement provisoire (OPP) dans les 48 heures** ;
3. le mineur est pris en charge par une association, **loin du lieu d’exploitation**.

L’éloignement protège le mineur de la pression du réseau. Sur Relais, l’alerte, l’OPP et la recherche d’une place loin du lieu d’exploitation suivent ce même ordre, et le délai de 48 heures est suivi comme indicateur du plan.`,
  },
  {
    title: 'Ce que montre l’expérience',
    body: `Le compte rendu de la réunion du collectif du 5 juillet 2018 fait le point :

- **12 structures** se sont portées volontaires pour accueillir les mineurs victimes ;
- **plus de 60 victimes** sont entrées dans le dispositif, pour la plupart des jeunes Nigérianes victimes d’exploitation sexuelle.

Pour les **mineurs contraints à commettre des délits**, c’est plus complexe : sur 8 cas, 5 fugues et 3 placements, dont un seul durable. « Il faut trouver autre chose. »

Deux outils existent pour ces situations :

- la **fiche réflexe** de modèle d’audition des mineurs exploités à des fins de commettre des délits, destinée à la police et à la gendarmerie ;
- le principe, défendu par les associations, de **non-sanction et de non-détention** des victimes contraintes à commettre des délits : un mineur exploité est d’abord une victime.`,
  },
  {
    title: 'Au-delà de Paris',
    body: `« Paris n’étant pas la France », le deuxième plan prévoit d’étendre le dispositif à d’autres territoires :

- une enquête avec l’association Trajectoires identifie les sites où se trouvent beaucoup de mineurs victimes et les acteurs avec qui travailler ;
- l’action est appuyée par la direction des affaires criminelles et des grâces et par la direction de la protection judiciaire de la jeunesse ;
- un **référent traite des êtres humains** serait désigné dans chaque parquet ;
- la formation est renforcée à l’École nationale de protection judiciaire de la jeunesse (ENPJJ) et pour les **administrateurs ad hoc**, qui représentent le mineur dans la procédure.

Les associations rappellent l’importance du lien avec l’aide sociale à l’enfance, et de s’appuyer sur des associations locales capables d’accueillir ces mineurs même si elles ne sont pas spécialisées.`,
  },
];

const c = (id: string, text: string, correct = false): QuizChoice => ({ id, text, correct });

const QUESTIONS: { text: string; multiple: boolean; choices: QuizChoice[]; explanation: string }[] = [
  {
    text: 'Dans le circuit court parisien, dans quel délai l’ordonnance de placement provisoire est-elle prise ?',
    multiple: false,
    choices: [c('a', 'Dans les 48 heures', true), c('b', 'Dans les 30 jours'), c('c', 'Après le procès')],
    explanation:
      'La clé est la rapidité : saisine directe du parquet des enfants, puis OPP dans les 48 heures.',
  },
  {
    text: 'Où le mineur est-il placé ?',
    multiple: false,
    choices: [
      c('a', 'Au plus près du lieu où il a été trouvé'),
      c('b', 'Loin du lieu d’exploitation, par une association', true),
      c('c', 'En centre de rétention'),
    ],
    explanation: 'L’éloignement du lieu d’exploitation protège le mineur de la pression du réseau.',
  },
  {
    text: 'Quels acteurs ont signé la convention parisienne de 2016 ? (plusieurs réponses)',
    multiple: true,
    choices: [
      c('a', 'Le procureur de la République du tribunal de Paris', true),
      c('b', 'L’association Hors la Rue', true),
      c('c', 'Le bâtonnier de l’ordre des avocats', true),
      c('d', 'Une compagnie aérienne'),
    ],
    explanation:
      'La convention réunissait notamment le préfet, le procureur, la protection judiciaire de la jeunesse, le bâtonnier et Hors la Rue.',
  },
  {
    text: 'Un mineur est contraint par un réseau à commettre des vols. Comment le considérer d’abord ?',
    multiple: false,
    choices: [
      c('a', 'Comme un auteur à poursuivre en priorité'),
      c('b', 'Comme une victime de traite, un enfant en danger', true),
      c('c', 'Comme un cas qui ne relève pas de la traite'),
    ],
    explanation:
      'Les mineurs contraints à commettre des délits sont des victimes ; les associations défendent la non-sanction et la non-détention.',
  },
  {
    text: 'Quels moyens le deuxième plan prévoit-il pour étendre la protection hors de Paris ? (plusieurs réponses)',
    multiple: true,
    choices: [
      c('a', 'Un référent traite des êtres humains dans chaque parquet', true),
      c('b', 'La formation à l’ENPJJ et des administrateurs ad hoc', true),
      c('c', 'Un dispositif spécial, hors de la protection de l’enfance'),
    ],
    explanation:
      'Le choix est de rester dans le droit commun de la protection de l’enfance, en formant ses acteurs et en nommant des référents.',
  },
];

/** Idempotent: nothing happens when the module exists. */
export async function seedDemoLearning(core: Core): Promise<void> {
  const { db } = core;
  const existing = await db
    .selectFrom('courses')
    .select('id')
    .where('slug', '=', DEMO_MODULE_SLUG)
    .executeTakeFirst();
  if (existing) return;
  const { id } = await core.services.training.catalogue.create(
    {
      title: 'Mineurs victimes de traite : le circuit court',
      summary:
        'Module à distance rédigé d’après le compte rendu du collectif du 5 juillet 2018 : pourquoi un circuit pour les mineurs, l’OPP dans les 48 heures, ce que montre l’expérience parisienne, et son extension.',
      audiences: [
        'travail_social',
        'associations',
        'pjj_administrateurs',
        'police_gendarmerie',
        'magistrature',
      ],
      format: 'distance',
      durationHours: '1',
      objectives:
        '- Connaître le circuit court parisien pour les mineurs victimes\n- Savoir pourquoi la rapidité et l’éloignement protègent\n- Considérer un mineur contraint à commettre des délits comme une victime',
      prerequisites: '',
      organiser: 'Relais',
      status: 'published',
      resourceIds: [],
    },
    true,
  );
  await db.transaction().execute(async (trx) => {
    for (const [index, lesson] of LESSONS.entries()) {
      await trx
        .insertInto('course_lessons')
        .values({ course_id: id, position: index + 1, ...lesson })
        .execute();
    }
    for (const [index, q] of QUESTIONS.entries()) {
      await trx
        .insertInto('quiz_questions')
        .values({
          course_id: id,
          position: index + 1,
          text: q.text,
          multiple: q.multiple,
          choices: JSON.stringify(q.choices),
          explanation: q.explanation,
        })
        .execute();
    }
  });
}
