import type { Core } from '../src/core.js';

const CODE_PENAL = 'https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006070719';
const CESEDA = 'https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006070158';

/**
 * The references the platform's users ask for first, with a summary in our words. No official text is stored
 * (none is held verbatim here) and no version date is claimed: each page sends to Légifrance for the text in force.
 */
const TEXTS = [
  {
    code: 'Code pénal',
    article: '225-4-1',
    title: 'Définition de la traite des êtres humains',
    topic: 'infraction',
    url: CODE_PENAL,
    summary:
      'La traite consiste à recruter, transporter, transférer, héberger ou accueillir une personne pour l’exploiter, en usant de moyens tels que la menace, la contrainte, la violence, la tromperie ou l’abus de sa vulnérabilité, ou en échange d’une rémunération ou d’un avantage.\n\nL’exploitation couvre notamment le proxénétisme, les agressions sexuelles, l’esclavage, le travail ou les services forcés, la servitude, le prélèvement d’organes, l’exploitation de la mendicité, des conditions de travail ou d’hébergement contraires à la dignité, et le fait de contraindre une personne à commettre un crime ou un délit.\n\nLorsque la victime est mineure, l’infraction est constituée même sans aucun de ces moyens.',
  },
  {
    code: 'Code pénal',
    article: '225-4-2',
    title: 'Circonstances aggravantes',
    topic: 'peines',
    url: CODE_PENAL,
    summary:
      'Cet article énumère des circonstances qui alourdissent les peines encourues pour la traite des êtres humains. Voir sur Légifrance la liste et les peines en vigueur.',
  },
  {
    code: 'Code pénal',
    article: '225-4-3',
    title: 'Traite commise en bande organisée',
    topic: 'peines',
    url: CODE_PENAL,
    summary:
      'Commise en bande organisée, la traite des êtres humains devient un crime, jugé par une cour d’assises ou une cour criminelle.',
  },
  {
    code: 'Code pénal',
    article: '225-4-4',
    title: 'Traite commise avec tortures ou actes de barbarie',
    topic: 'peines',
    url: CODE_PENAL,
    summary:
      'Commise en recourant à des tortures ou à des actes de barbarie, la traite des êtres humains est punie de la peine la plus lourde du code : la réclusion criminelle à perpétuité.',
  },
  {
    code: 'Code de l’entrée et du séjour des étrangers et du droit d’asile (CESEDA)',
    article: 'L. 425-1',
    title: 'Titre de séjour de la victime qui porte plainte ou témoigne',
    topic: 'sejour',
    url: CESEDA,
    summary:
      'Une personne étrangère qui porte plainte contre les auteurs de traite ou de proxénétisme, ou qui témoigne dans une procédure pénale les concernant, peut recevoir une carte de séjour temporaire, à condition d’avoir rompu tout lien avec eux. Cette carte permet de travailler.',
  },
  {
    code: 'Code de l’entrée et du séjour des étrangers et du droit d’asile (CESEDA)',
    article: 'L. 425-3',
    title: 'Carte de résident après la condamnation des auteurs',
    topic: 'sejour',
    url: CESEDA,
    summary:
      'Lorsque les personnes mises en cause sont condamnées définitivement, la victime qui a porté plainte ou témoigné peut obtenir une carte de résident.',
  },
  {
    code: 'Code de l’entrée et du séjour des étrangers et du droit d’asile (CESEDA)',
    article: 'R. 425-1 et suivants',
    title: 'Information de la victime et délai de réflexion de trente jours',
    topic: 'protection',
    url: CESEDA,
    summary:
      'Les services de police et de gendarmerie qui identifient une victime présumée l’informent de ses droits : protection, accompagnement, titre de séjour si elle coopère avec la justice.\n\nElle dispose d’un délai de réflexion de trente jours pour décider si elle porte plainte ou témoigne ; pendant ce délai, aucune mesure d’éloignement ne peut être exécutée.',
  },
] as const;

export async function seedDemoTexts(core: Core): Promise<void> {
  const now = core.clock.now();
  await core.db
    .insertInto('legal_texts')
    .values(
      TEXTS.map((x) => ({
        code: x.code,
        article: x.article,
        title: x.title,
        topic: x.topic,
        legifrance_url: x.url,
        summary: x.summary,
        status: 'published' as const,
        is_demo: true,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['code', 'article']).doNothing())
    .execute();
}
