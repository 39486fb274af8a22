import type { Core } from '../src/core.js';
import { fromParisLocalInput } from '../src/platform/time/paris.js';

/**
 * The steering space's demo content, from the minutes of the collective's plenary of 5 July 2018 (seed): the first
 * plan (2014–2016) with what the minutes say it did, the second plan's priorities in consultation, the TEH budget
 * recalled that day, the three pilot projects, Paris's deployment, the collective's members and its meetings.
 * Everything is marked as demonstration content; progress is derived from the statuses the minutes give, never
 * invented figures. Numbers of people under 11 are kept for coordinators only (manual indicators), not in texts.
 */
export async function seedDemoSteering(core: Core): Promise<void> {
  const db = core.db;
  if (await db.selectFrom('plans').select('id').where('slug', '=', 'pnat-2014-2016').executeTakeFirst())
    return;
  const SOURCE = 'Compte rendu de la plénière du collectif du 5 juillet 2018';

  const plan = async (values: {
    slug: string;
    title: string;
    period_start: number;
    period_end: number;
    status: 'closed' | 'consultation';
    summary: string;
  }) =>
    (
      await db
        .insertInto('plans')
        .values({ ...values, is_demo: true })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const axis = async (planId: string, number: string, title: string, position: number) =>
    (
      await db
        .insertInto('plan_axes')
        .values({ plan_id: planId, number, title, position })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  let position = 0;
  const measure = async (
    planId: string,
    axisId: string,
    values: {
      number: string;
      title: string;
      lead?: string;
      partners?: string[];
      status?: 'planned' | 'in_progress' | 'done' | 'delayed';
      parent?: string;
      description?: string;
      starts_on?: string;
    },
  ) =>
    (
      await db
        .insertInto('plan_measures')
        .values({
          plan_id: planId,
          axis_id: axisId,
          parent_id: values.parent ?? null,
          number: values.number,
          title: values.title,
          description: values.description ?? '',
          lead: values.lead ?? '',
          partners: values.partners ?? [],
          status: values.status ?? 'planned',
          progress: null,
          starts_on: values.starts_on ?? null,
          position: position++,
          is_demo: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  // The first plan: what the minutes say was done, and what "could not be fully implemented for lack of means".
  const first = await plan({
    slug: 'pnat-2014-2016',
    title: 'Premier plan d’action national contre la traite des êtres humains (2014-2016)',
    period_start: 2014,
    period_end: 2016,
    status: 'closed',
    summary:
      'Achevé ; il n’a pas pu être totalement mis en œuvre par manque de moyens. Le collectif en fait la relecture commune avec la MIPROF.',
  });
  const a1 = await axis(first, '1', 'Former les professionnels et leur donner des outils', 0);
  await measure(first, a1, {
    number: '1.1',
    title:
      'Outils sur les mineurs pour la police et la gendarmerie, dont la fiche réflexe de modèle d’audition des mineurs exploités à des fins de commettre des délits',
    lead: 'MIPROF',
    partners: ['Police nationale', 'Gendarmerie nationale'],
    status: 'done',
  });
  await measure(first, a1, {
    number: '1.2',
    title: 'Formations de l’OFII et de l’OFPRA',
    lead: 'MIPROF',
    partners: ['OFII', 'OFPRA'],
    status: 'done',
    description: 'À renforcer pour qu’elles visent toutes les formes d’exploitation et de traite.',
  });
  await measure(first, a1, {
    number: '1.3',
    title: 'Formation de cinq jours à l’École nationale de la magistrature, rubrique « Justice pénale »',
    lead: 'École nationale de la magistrature',
    status: 'done',
  });
  await measure(first, a1, {
    number: '1.4',
    title:
      'Formation conjointe sur un dossier réel, des premiers moments à l’ouverture du procès, suivie d’un débriefing',
    lead: 'MIPROF',
    partners: ['École nationale de la magistrature', 'École des barreaux'],
    status: 'done',
  });
  const a2 = await axis(first, '2', 'Expérimenter la protection des victimes', 1);
  const paris = await measure(first, a2, {
    number: '2.1',
    title:
      'Dispositif de protection des mineurs victimes de traite à Paris (convention du 1er juin 2016, effective dès 2015)',
    lead: 'MIPROF',
    partners: ['Hors la Rue', 'Parquet de Paris', 'Secours Catholique – Caritas France'],
    status: 'in_progress',
    starts_on: '2016-06-01',
  });
  await measure(first, a2, {
    parent: paris,
    number: '2.1.a',
    title: 'Circuit court : saisine directe par le parquet des mineurs de Paris, OPP dans les 48 heures',
    status: 'done',
  });
  await measure(first, a2, {
    parent: paris,
    number: '2.1.b',
    title: 'Accueil par des structures volontaires, loin du lieu d’exploitation',
    status: 'done',
  });
  await measure(first, a2, {
    parent: paris,
    number: '2.1.c',
    title: 'Prise en charge des mineurs contraints à commettre des délits',
    status: 'delayed',
    description: 'Les choses sont plus complexes pour ces mineurs : « il faut trouver autre chose ».',
  });
  await measure(first, a2, {
    number: '2.2',
    title: 'Appartement en autonomie pour accompagner les victimes jusqu’au procès',
    lead: 'Parquet de Paris',
    partners: ['AFJ', 'Mairie de Paris', 'Préfecture de police de Paris'],
    status: 'in_progress',
    starts_on: '2017-03-01',
  });

  // The second plan: the priorities MIPROF announced, in consultation with the collective.
  const second = await plan({
    slug: 'pnat-2',
    title: 'Deuxième plan d’action national contre la traite des êtres humains',
    period_start: 2019,
    period_end: 2021,
    status: 'consultation',
    summary:
      'En préparation en 2018 ; il reprend les actions du premier plan qui ont fait leurs preuves. L’accent est mis sur la formation des professionnels, la sensibilisation et le déploiement local et départemental.',
  });
  const b1 = await axis(second, '1', 'Formation des professionnels', 0);
  await measure(second, b1, {
    number: '1.1',
    title: 'Former les professionnels de l’asile (CADA, CAO, GUDA, CHRS)',
    lead: 'MIPROF',
  });
  await measure(second, b1, {
    number: '1.2',
    title: 'Développer la formation à l’ENPJJ et celle des administrateurs ad hoc',
    partners: ['ENPJJ'],
  });
  const b2 = await axis(second, '2', 'Sensibilisation', 1);
  await measure(second, b2, {
    number: '2.1',
    title: 'Sensibiliser lors des journées citoyennes et des journées symboliques des droits humains',
  });
  await measure(second, b2, {
    number: '2.2',
    title: 'Informer les jeunes, filles et garçons, sur le « proxénétisme de cité »',
  });
  await measure(second, b2, {
    number: '2.3',
    title:
      'Un site dédié : cartographie, outils, textes et deux lettres d’information par an aux travailleurs sociaux',
    lead: 'MIPROF',
  });
  const b3 = await axis(second, '3', 'Déploiement local et départemental', 2);
  await measure(second, b3, {
    number: '3.1',
    title:
      'Intégrer la traite aux commissions départementales existantes (sortie de la prostitution, CODAF, CLAV)',
    description: 'Pour éviter le « millefeuille » : rien n’est encore arbitré.',
  });
  await measure(second, b3, {
    number: '3.2',
    title: 'Désigner un référent traite dans chaque parquet',
    partners: ['Direction des affaires criminelles et des grâces'],
  });
  const b4 = await axis(second, '4', 'Protection des mineurs', 3);
  await measure(second, b4, {
    number: '4.1',
    title:
      'Étendre le dispositif mineurs de Paris à d’autres régions, à partir d’une enquête avec Trajectoires',
    partners: [
      'Trajectoires',
      'Direction des affaires criminelles et des grâces',
      'Direction de la protection judiciaire de la jeunesse',
    ],
  });
  await measure(second, b4, {
    number: '4.2',
    title: 'Soutenir le projet de centre pour mineurs Koutcha',
    partners: ['ECPAT France', 'Trajectoires'],
  });
  const b5 = await axis(second, '5', 'Personnels aériens', 4);
  await measure(second, b5, {
    number: '5.1',
    title: 'Former les personnels navigants et au sol avec l’IATA',
    partners: ['International Air Transport Association', 'Direction générale de l’aviation civile'],
  });
  await measure(second, b5, {
    number: '5.2',
    title: 'Circuit rapide d’alerte à Roissy : gendarmerie, PAF et inspecteurs du travail prennent le relais',
  });
  const b6 = await axis(second, '6', 'Hébergement', 5);
  await measure(second, b6, {
    number: '6.1',
    title:
      'Adapter ou créer des hébergements spécialisés pour les femmes victimes de violences dont la traite',
    partners: ['Ministère de l’Intérieur'],
  });
  await measure(second, b6, {
    number: '6.2',
    title: 'Décliner l’appartement en autonomie dans les départements',
  });

  // The TEH budget recalled on 5 July 2018 (no breakdown by measure in the source).
  await db
    .insertInto('budget_lines')
    .values(
      (
        [
          ['BOP 137', 'action 15 — prostitution et traite des êtres humains', 'central', 510_000, ''],
          [
            'BOP 137',
            'action 15 — prostitution et traite des êtres humains',
            'national',
            3_000_000,
            'Au niveau national (ADN, MDN, CCEM, ALC, etc.).',
          ],
          ['Programme 101', 'aide aux victimes — part traite', 'central', 75_000, ''],
          ['Programme 101', 'aide aux victimes — part traite', 'decentralised', 74_000, ''],
          [
            'Ministère de l’Europe et des Affaires étrangères',
            'coopération, surtout avec les institutions internationales à Vienne',
            'unspecified',
            300_000,
            '',
          ],
        ] as const
      ).map(([programme, action, level, planned, note]) => ({
        plan_id: second,
        year: 2018,
        programme,
        action,
        level,
        planned,
        committed: null,
        spent: null,
        note,
        source: SOURCE,
        is_demo: true,
      })),
    )
    .execute();

  // Pilot projects.
  const pilot = async (values: {
    slug: string;
    name: string;
    description: string;
    partners: string[];
    places: string;
    starts_on: string | null;
    funding_status: 'unknown' | 'unfunded';
    funding_note?: string;
    evaluation_notes: string;
    case_tag: string | null;
  }) =>
    (
      await db
        .insertInto('pilot_projects')
        .values({ ...values, plan_id: first, is_demo: true })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const minors = await pilot({
    slug: 'mineurs-paris',
    name: 'Dispositif mineurs victimes de traite à Paris',
    description:
      'Offrir aux mineurs la protection qui existait pour les majeurs, dans le droit commun de l’enfance en danger : saisine directe par le parquet des mineurs, OPP dans les 48 heures, accueil par une association loin du lieu d’exploitation.',
    partners: [
      'Préfecture de Paris',
      'Parquet de Paris',
      'Protection judiciaire de la jeunesse',
      'Ordre des avocats de Paris',
      'Hors la Rue',
      'Secours Catholique – Caritas France',
    ],
    places: 'Paris',
    starts_on: '2016-06-01',
    funding_status: 'unknown',
    evaluation_notes:
      'Le dispositif a fait ses preuves pour les victimes d’exploitation sexuelle ; il est plus difficile pour les mineurs contraints à commettre des délits, qui fuguent souvent. Extension prévue à d’autres régions avec une enquête de Trajectoires. Les chiffres sont dans les indicateurs.',
    case_tag: 'mineurs-paris',
  });
  const flat = await pilot({
    slug: 'appartement-autonomie-afj',
    name: 'Appartement en autonomie (AFJ)',
    description:
      'Pensé par le parquet de Paris avec l’AFJ parce que des victimes étaient perdues avant le procès : un « sas de décompression » avec un accompagnement renforcé, puis l’insertion et l’autonomie.',
    partners: ['AFJ', 'Parquet de Paris', 'Mairie de Paris', 'Préfecture de police de Paris'],
    places: 'Paris (appartement mis à disposition par la mairie de Paris)',
    starts_on: '2017-03-01',
    funding_status: 'unknown',
    evaluation_notes: 'À décliner dans les départements. Les chiffres sont dans les indicateurs.',
    case_tag: 'appartement-autonomie-afj',
  });
  await pilot({
    slug: 'koutcha',
    name: 'Centre pour mineurs Koutcha (« maison » en serbe)',
    description:
      'Projet européen soutenu par la MIPROF : 8 à 10 places au démarrage, 15 visées, pour six mois à un an de prise en charge avant une orientation vers d’autres dispositifs.',
    partners: ['ECPAT France', 'Trajectoires', 'MIPROF'],
    places: '',
    starts_on: null,
    funding_status: 'unfunded',
    funding_note: 'Au stade de projet, aucun financement en juillet 2018.',
    evaluation_notes: '',
    case_tag: null,
  });

  // Indicators: figures the minutes give (people under 11 are withheld on public pages) and figures computed live.
  let rank = 0;
  const indicator = (values: {
    plan_id: string;
    pilot_id?: string;
    code: string;
    title: string;
    definition: string;
    unit: 'count' | 'percent' | 'hours';
    source: string;
    manual_value?: number;
    manual_count?: number | null;
    target?: number;
  }) => ({
    pilot_id: null,
    manual_value: null,
    manual_count: null,
    target: null,
    ...values,
    position: rank++,
    is_demo: true,
  });
  await db
    .insertInto('plan_indicators')
    .values([
      indicator({
        plan_id: first,
        pilot_id: minors,
        code: 'mineurs-structures',
        title: 'Structures volontaires pour accueillir les mineurs victimes',
        definition: `Structures engagées dans le dispositif au 5 juillet 2018 (${SOURCE}).`,
        unit: 'count',
        source: 'manual',
        manual_value: 12,
      }),
      indicator({
        plan_id: first,
        pilot_id: minors,
        code: 'mineurs-entres',
        title: 'Mineurs victimes entrés dans le dispositif',
        definition: `« Plus de 60 » au 5 juillet 2018 (${SOURCE}).`,
        unit: 'count',
        source: 'manual',
        manual_value: 60,
        manual_count: 60,
      }),
      indicator({
        plan_id: first,
        pilot_id: minors,
        code: 'mineurs-delits-fugues',
        title: 'Fugues parmi les mineurs contraints à commettre des délits',
        definition: `Mineurs contraints à commettre des délits qui ont fugué, au 5 juillet 2018 (${SOURCE}).`,
        unit: 'count',
        source: 'manual',
        manual_value: 5,
        manual_count: 8,
      }),
      indicator({
        plan_id: first,
        pilot_id: minors,
        code: 'mineurs-dossiers',
        title: 'Dossiers ouverts dans Relais pour le dispositif',
        definition: 'Dossiers de suivi portant l’étiquette du projet, ouverts sur les 365 derniers jours.',
        unit: 'count',
        source: 'case_entries',
      }),
      indicator({
        plan_id: first,
        pilot_id: flat,
        code: 'afj-personnes',
        title: 'Personnes accueillies dans l’appartement depuis mars 2017',
        definition: `Au 5 juillet 2018 (${SOURCE}).`,
        unit: 'count',
        source: 'manual',
        manual_value: 4,
        manual_count: 4,
      }),
      indicator({
        plan_id: first,
        pilot_id: flat,
        code: 'afj-proces',
        title: 'Présence au procès des personnes accompagnées',
        definition:
          'Part des audiences du procès où la victime était présente, dossiers du projet, 365 derniers jours.',
        unit: 'percent',
        source: 'trial_presence',
      }),
      indicator({
        plan_id: second,
        code: 'alertes',
        title: 'Alertes reçues',
        definition: 'Alertes enregistrées dans Relais sur les 365 derniers jours.',
        unit: 'count',
        source: 'alerts',
      }),
      indicator({
        plan_id: second,
        code: 'alertes-mineurs',
        title: 'Alertes concernant un mineur',
        definition: 'Alertes dont au moins une personne est mineure, 365 derniers jours.',
        unit: 'count',
        source: 'alerts_minors',
      }),
      indicator({
        plan_id: second,
        code: 'delai-prise-en-compte',
        title: 'Délai médian de prise en compte d’une alerte',
        definition: 'Médiane du temps entre l’alerte et sa prise en compte par une permanence, en heures.',
        unit: 'hours',
        source: 'ack_hours',
      }),
      indicator({
        plan_id: second,
        code: 'opp-48h',
        title: 'OPP prononcées dans les 48 heures',
        definition:
          'Part des saisines du parquet des mineurs suivies d’une OPP dans les 48 heures (procédures closes ou échues).',
        unit: 'percent',
        source: 'opp_48h',
        target: 100,
      }),
      indicator({
        plan_id: second,
        code: 'mises-a-l-abri',
        title: 'Mises à l’abri commencées',
        definition: 'Placements commencés dans une structure d’accueil, 365 derniers jours.',
        unit: 'count',
        source: 'placements',
      }),
      indicator({
        plan_id: second,
        code: 'fugues',
        title: 'Fugues',
        definition: 'Fugues enregistrées dans les dossiers de suivi, 365 derniers jours.',
        unit: 'count',
        source: 'runaways',
      }),
      indicator({
        plan_id: second,
        code: 'presence-proces',
        title: 'Présence des victimes au procès',
        definition: 'Part des audiences où la victime était présente, 365 derniers jours.',
        unit: 'percent',
        source: 'trial_presence',
      }),
      indicator({
        plan_id: second,
        code: 'lettre',
        title: 'Portée de la lettre d’information',
        definition: 'Abonnés confirmés à la lettre d’information.',
        unit: 'count',
        source: 'newsletter_reach',
      }),
    ])
    .execute();
  await core.services.steering.indicators.refresh();

  // Paris: a trafficking referent at the parquet and the minors' circuit; no commission arbitrated yet.
  await db
    .insertInto('departement_deployment')
    .values({
      departement_code: '75',
      commission: 'none',
      commission_note: 'Rien n’est encore arbitré (juillet 2018).',
      parquet_referent: true,
      parquet_organisation: 'Parquet de Paris',
      minors_circuit: true,
      is_demo: true,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();

  // The collective: the associations present or speaking on 5 July 2018.
  const orgId = async (name: string) => (await core.services.organisations.findByName(name))?.id;
  const memberNames = [
    'AFJ',
    'CCEM',
    'Aux Captifs la libération',
    'Fondation Jean et Jeanne Scelles',
    'Hors la Rue',
    'Justice et Paix France',
    'Mouvement du Nid',
    'Planète Enfants & Développement',
    'SOS Esclaves',
    'Secours Catholique – Caritas France',
    'ECPAT France',
    'ACPE',
    'Cofrade',
  ];
  const members = (await Promise.all(memberNames.map(orgId))).filter((id): id is string => !!id);
  await db
    .insertInto('collective_members')
    .values(members.map((organisation_id) => ({ organisation_id, is_demo: true })))
    .onConflict((oc) => oc.doNothing())
    .execute();

  const at = (value: string) => fromParisLocalInput(value)!;
  const september = (
    await db
      .insertInto('meetings')
      .values({
        kind: 'plenary',
        title: 'Plénière du collectif « Ensemble contre la traite des êtres humains »',
        starts_at: at('2018-09-14T10:00'),
        ends_at: at('2018-09-14T12:30'),
        place: 'Secours Catholique, 106 rue du Bac, 75007 Paris, salle Sidoine',
        agenda: '[]',
        status: 'planned',
        is_demo: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('meetings')
    .values({
      kind: 'institutions',
      title: 'La MIPROF rencontre les institutions (deuxième plan)',
      starts_at: at('2018-09-12T00:00'),
      ends_at: at('2018-09-13T00:00'),
      all_day: true,
      agenda: '[]',
      status: 'planned',
      is_demo: true,
    })
    .execute();
  const agenda = [
    { title: 'Accueil par la coordinatrice du collectif', items: [{ title: 'Tour de table' }] },
    {
      title:
        'Bilan du premier plan national d’action contre la traite (2014-2016) et perspectives du deuxième, par la MIPROF',
      items: [
        { title: 'Formations et outils pour les professionnels' },
        { title: 'Projets expérimentaux : mineurs à Paris, appartement en autonomie, projet Koutcha' },
        { title: 'Travail dans les commissions départementales existantes' },
        { title: 'Sensibilisation' },
        { title: 'Budget consacré à la traite' },
      ],
    },
    { title: 'Questions et réactions des associations' },
  ];
  const summary = [
    'Le collectif a reçu la secrétaire générale de la MIPROF et son équipe pour faire le point sur la préparation du deuxième plan national d’action contre la traite, attendu fin 2018, et sur l’évaluation des projets pilotes. Le collectif demande que ce plan soit préparé avec la société civile et doté de moyens suffisants.',
    'La MIPROF a présenté le bilan du premier plan (formations et outils pour les professionnels, dispositif mineurs à Paris, appartement en autonomie avec l’AFJ) et les priorités du second : formation, sensibilisation, déploiement dans les départements au sein des commissions existantes, protection des mineurs, personnels aériens, hébergement.',
    'Les associations ont interrogé la MIPROF sur le calendrier, le budget, les consulats, l’hébergement des hommes victimes et la formation à distance. La MIPROF a proposé que le collectif relève les mesures intéressantes du premier plan pour les retravailler ensemble.',
  ].join('\n\n');
  const minutes = `## Bilan du premier plan et perspectives du deuxième\n\n- Calendrier : réunion avec les institutions le 12 septembre 2018, puis travail avec le comité de coordination ; lancement prévu fin 2018.\n- Formation : outils sur les mineurs pour la police et la gendarmerie, formations de l’OFII et de l’OFPRA, cinq jours à l’ENM ; à étendre aux professionnels de l’asile, à l’ENPJJ, aux administrateurs ad hoc et aux personnels aériens avec l’IATA.\n- Projets pilotes : dispositif mineurs à Paris (circuit court, OPP dans les 48 heures), appartement en autonomie avec l’AFJ, projet Koutcha sans financement.\n- Départements : intégrer la traite aux commissions existantes plutôt que d’en créer.\n- Budget traite : BOP 137 action 15 (510 k€ au niveau central, 3 M€ au niveau national), programme 101 (149 k€), ministère des Affaires étrangères (300 k€).\n\n## Questions des associations\n\n- Un outil de référence commun pour les consulats plutôt que des documents dispersés.\n- Les titres de séjour, la mise à l’abri des hommes victimes, la formation à distance et son financement.\n- Une relecture commune des trois années du premier plan.\n`;
  const july = (
    await db
      .insertInto('meetings')
      .values({
        kind: 'plenary',
        title: 'Plénière du collectif avec la MIPROF : deuxième plan et projets pilotes',
        starts_at: at('2018-07-05T00:00'),
        ends_at: at('2018-07-06T00:00'),
        all_day: true,
        place: 'Secours Catholique, 106 rue du Bac, 75007 Paris',
        agenda: JSON.stringify(agenda),
        summary,
        minutes,
        status: 'held',
        next_meeting_id: september,
        is_demo: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const invited = members.map((organisation_id) => ({ organisation_id }));
  for (const meetingId of [july, september])
    await db
      .insertInto('meeting_invitations')
      .values(invited.map((i) => ({ ...i, meeting_id: meetingId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  const attendingNames = [
    'AFJ',
    'CCEM',
    'Aux Captifs la libération',
    'Fondation Jean et Jeanne Scelles',
    'Hors la Rue',
    'Justice et Paix France',
    'Mouvement du Nid',
    'Planète Enfants & Développement',
    'SOS Esclaves',
    'Secours Catholique – Caritas France',
    'MIPROF',
    'Trajectoires',
  ];
  const attending = (await Promise.all(attendingNames.map(orgId))).filter((id): id is string => !!id);
  await db
    .insertInto('meeting_attendance')
    .values(attending.map((organisation_id) => ({ meeting_id: july, organisation_id })))
    .execute();
  const miprof = await orgId('MIPROF');
  const collective = await orgId('Collectif « Ensemble contre la traite des êtres humains »');
  await db
    .insertInto('meeting_items')
    .values([
      {
        meeting_id: july,
        kind: 'action',
        text: 'Rencontrer les institutions sur le deuxième plan',
        owner_organisation_id: miprof ?? null,
        due_on: '2018-09-12',
        position: 0,
      },
      {
        meeting_id: july,
        kind: 'action',
        text: 'Transmettre à la MIPROF un document relevant les mesures intéressantes du premier plan',
        owner_organisation_id: collective ?? null,
        due_on: null,
        position: 1,
      },
      {
        meeting_id: july,
        kind: 'decision',
        text: 'Prochaine plénière le 14 septembre 2018 au Secours Catholique',
        owner_organisation_id: null,
        due_on: null,
        position: 2,
      },
    ])
    .execute();
}
