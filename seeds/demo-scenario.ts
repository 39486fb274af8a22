import type { Kysely } from 'kysely';
import type { DB } from '../src/platform/db/schema.js';
import type { ScenarioPhase } from '../src/platform/db/schema-training.js';
import { validateScenarioGraph } from '../src/modules/training/scenario-graph.js';

/**
 * The shipped case exercise: a synthetic case (no real person, no contact details) built on the circuit the seed
 * document describes — airline staff alerting the border police at Roissy so that others "prennent le relais",
 * the juvenile prosecutor's short circuit (OPP within 48 h, placement by an association far from the place of
 * exploitation), the Ac.Sé network, the time victims need before speaking, victims lost before the trial.
 */
export const DEMO_SCENARIO_SLUG = 'reperee-a-roissy';

type Quality = 'good' | 'acceptable' | 'poor';
interface Step {
  key: string;
  phase: ScenarioPhase;
  title: string;
  situation: string;
  goodPractice?: string;
  end?: true;
}
interface Choice {
  from: string;
  label: string;
  to: string;
  minutes: number;
  quality: Quality;
  consequence: string;
  failure?: string;
}

const HOUR = 60;
const DAY = 1440;

const STEPS: Step[] = [
  {
    key: 'reperage',
    phase: 'identification',
    title: 'Au comptoir des correspondances',
    situation:
      'Vous êtes agente d’escale d’une compagnie aérienne à l’aéroport Paris-Charles-de-Gaulle (Roissy). Au comptoir des correspondances, un homme d’une quarantaine d’années présente deux passeports et deux cartes d’embarquement : les siennes et celles d’une jeune femme, A., qui se tient en retrait.\n\nElle ne sait pas dire où elle va ni chez qui elle logera ; quand vous lui posez une question, l’homme répond à sa place. Le passeport lui donne 19 ans ; elle paraît plus jeune. Elle garde les yeux baissés et ne porte qu’un petit sac. Vous avez suivi la formation au repérage proposée avec l’IATA : ces signes vous alertent.',
    goodPractice:
      'Repérer sans alerter : ne pas confronter la personne ni son accompagnateur, et déclencher aussitôt le circuit rapide vers la police aux frontières (PAF), la gendarmerie ou l’unité de l’inspection du travail présente à Roissy, pour qu’ils « prennent le relais ». Relais permet de lancer cette alerte en moins de deux minutes.',
  },
  {
    key: 'perdue-aeroport',
    phase: 'identification',
    title: 'Perdue de vue',
    situation:
      'Les deux passagers ont embarqué pour leur destination. Aucun service n’a pu les contrôler : A. n’a pas été identifiée comme victime, et rien ne permet de la retrouver. Sans alerte, ni enquête ni protection.',
    end: true,
  },
  {
    key: 'alerte-paf',
    phase: 'alerte',
    title: 'La police aux frontières prend le relais',
    situation:
      'Vous êtes officier de la police aux frontières à Roissy. Entendue à part, avec un interprète par téléphone, la jeune femme dit avoir 16 ans. Un « ami » a payé son voyage ; elle doit le rembourser en « travaillant » pour une femme qu’elle ne connaît pas. Le passeport est faux. L’homme, placé en garde à vue, affirme être son oncle.\n\nQui prévenez-vous, et comment ?',
    goodPractice:
      'Séparer la personne de son accompagnateur, l’entendre avec un interprète, puis alerter en même temps toutes les permanences compétentes : le parquet (référent traite des êtres humains, parquet des mineurs en cas de doute sur l’âge), le service d’enquête spécialisé (OCRTEH) et l’association spécialisée. Une alerte unique et partagée évite les relais manqués.',
  },
  {
    key: 'zone-attente',
    phase: 'alerte',
    title: 'En zone d’attente',
    situation:
      'A. est maintenue en zone d’attente pour fraude documentaire. Vous êtes intervenante d’une association habilitée à s’y rendre. En pleurant, elle vous confie qu’elle a 16 ans et qu’elle « doit de l’argent » à ceux qui l’ont fait venir. Son réacheminement vers l’aéroport de provenance est prévu demain matin.',
    goodPractice:
      'Tout professionnel qui recueille une suspicion de traite la signale au parquet. Une victime ne doit pas être traitée d’abord comme l’auteure d’une infraction liée à son exploitation. Un mineur non accompagné en zone d’attente est assisté d’un administrateur ad hoc désigné par le procureur.',
  },
  {
    key: 'renvoi',
    phase: 'alerte',
    title: 'Renvoyée vers le réseau',
    situation:
      'A. a été réacheminée. Elle reste redevable envers ceux qui ont organisé son voyage ; aucune enquête pour traite n’a été ouverte. Le réseau pourra tenter un nouveau passage.',
    end: true,
  },
  {
    key: 'parquet',
    phase: 'parquet',
    title: 'La permanence du parquet',
    situation:
      'Vous êtes magistrat de permanence au parquet des mineurs compétent pour l’aéroport. L’alerte vous donne : un passeport faux indiquant 19 ans, une jeune fille qui se dit âgée de 16 ans et en a l’apparence, le récit d’une dette et d’un « travail » à venir, un accompagnateur en garde à vue qui se dit son oncle.\n\nQuelle décision prenez-vous pour A. ?',
    goodPractice:
      'En cas de doute sur l’âge, le doute profite à l’intéressée (article 388 du Code civil) ; un examen osseux ne peut à lui seul établir l’âge. Le circuit court du parquet des mineurs — saisine directe, ordonnance de placement provisoire (OPP) dans les 48 heures, placement par une association loin du lieu d’exploitation — est la clé : « la rapidité d’intervention ». Un administrateur ad hoc représente la mineure dans la procédure.',
  },
  {
    key: 'examen-age',
    phase: 'parquet',
    title: 'Le résultat de l’examen osseux',
    situation:
      'L’examen osseux conclut à un âge « compris entre 17 et 20 ans ». A. a passé la nuit au commissariat ; épuisée, elle ne dit plus rien. Un homme se présentant comme un cousin a téléphoné deux fois pour demander quand elle sortirait.',
    goodPractice:
      'Les conclusions d’un examen osseux comportent une marge d’erreur et ne peuvent à elles seules déterminer si la personne est mineure : le doute lui profite. Une attente prolongée au commissariat expose la victime aux pressions du réseau.',
  },
  {
    key: 'sortie-sans-protection',
    phase: 'placement',
    title: 'Sortie sans mesure de protection',
    situation:
      'A., tenue pour majeure, sort libre avec une convocation. Vous êtes travailleur social de l’association spécialisée, alertée entre-temps. Elle n’a ni hébergement ni argent, et un « compatriote » lui propose de l’héberger en Seine-Saint-Denis.',
    goodPractice:
      'Une victime en danger localement doit être éloignée du lieu d’exploitation : le dispositif national Ac.Sé, porté par l’association ALC, offre un accueil sécurisé dans un centre partenaire d’une autre région. Une victime étrangère est informée du délai de réflexion de 30 jours, pendant lequel elle se rétablit et décide de coopérer ou non avec les autorités.',
  },
  {
    key: 'opp',
    phase: 'opp',
    title: 'L’ordonnance de placement provisoire',
    situation:
      'L’OPP est prise. Vous êtes cadre de permanence de l’aide sociale à l’enfance (ASE) du département. Il faut trouver où accueillir A. ce soir. Les premiers éléments de l’enquête indiquent qu’elle devait être exploitée en Île-de-France.',
    goodPractice:
      'L’OPP doit déboucher sur un placement rapide et sûr, loin du lieu d’exploitation. Dans le dispositif expérimenté à Paris, des structures volontaires accueillent les mineurs victimes de traite ; Relais montre les places disponibles. Le parquet saisit ensuite le juge des enfants, qui décide de la suite du placement.',
  },
  {
    key: 'foyer-proche',
    phase: 'placement',
    title: 'Un foyer près de l’aéroport',
    situation:
      'A. est accueillie dans un foyer ouvert de Seine-Saint-Denis. Deux jours plus tard, vous, son éducateur référent, découvrez qu’on lui a remis un téléphone. Elle dit qu’elle doit « rembourser » et qu’on menace sa famille restée au pays.',
    goodPractice:
      'Les fugues sont fréquentes chez les mineurs victimes de traite (à Paris, 5 fugues sur 8 mineurs contraints à commettre des délits). Tout signe de reprise de contact par le réseau appelle une réaction immédiate : informer le magistrat et les enquêteurs, et éloigner la victime.',
  },
  {
    key: 'fugue',
    phase: 'placement',
    title: 'Reprise par le réseau',
    situation:
      'A. a disparu. Tout laisse penser qu’elle a rejoint ceux qui l’attendaient. Elle est signalée disparue ; sans elle, l’enquête piétine et la protection n’a plus de prise.',
    end: true,
  },
  {
    key: 'eloignement',
    phase: 'placement',
    title: 'À l’abri, loin de l’Île-de-France',
    situation:
      'A. est accueillie dans une structure d’une autre région. Vous êtes sa référente. Elle dort mal, parle peu et craint des représailles contre sa mère. Les enquêteurs souhaitent l’entendre au plus vite.',
    goodPractice:
      '« Pour les victimes, le temps de sécurisation est indispensable pour la verbalisation. » Coordonner enquête et accompagnement : une audition préparée, avec interprète, en présence de l’avocat et, pour une mineure, de l’administrateur ad hoc. Une victime étrangère majeure est informée du délai de réflexion de 30 jours.',
  },
  {
    key: 'audition-ratee',
    phase: 'audition',
    title: 'Une audition qui tourne court',
    situation:
      'L’audition par visioconférence tourne court : A. comprend mal les questions, se contredit, puis se tait. Les enquêteurs notent qu’elle « ne coopère pas ».',
    goodPractice:
      'Une première audition ratée n’est pas un refus de coopérer. La parole d’une victime de traite vient avec la sécurité et la confiance ; une audition préparée, avec interprète, peut être reprogrammée.',
  },
  {
    key: 'audition',
    phase: 'audition',
    title: 'L’audition, puis l’attente du procès',
    situation:
      'A. est entendue avec une interprète, en présence de son avocate. Elle décrit le recrutement, la dette, les menaces. L’enquête identifie plusieurs membres du réseau, qui sont poursuivis. Le procès devrait se tenir dans un an environ.\n\nVous coordonnez le suivi de A. Comment l’organisez-vous ?',
    goodPractice:
      'On perd des victimes au moment du procès, alors que « la réponse pénale est moins effective quand la victime n’est pas là ». Le suivi continue jusqu’au procès et au-delà : hébergement, droit au séjour, avocat, constitution de partie civile, préparation de l’audience.',
  },
  {
    key: 'proces',
    phase: 'proces',
    title: 'Le procès, avec la victime',
    situation:
      'Le procès s’ouvre devant le tribunal correctionnel. A. est présente, accompagnée de son avocate et de l’association ; elle est partie civile. Son témoignage, recueilli dans de bonnes conditions, pèse dans la décision : la réponse judiciaire trouve son « point d’orgue ».',
    end: true,
  },
  {
    key: 'proces-sans-victime',
    phase: 'proces',
    title: 'Le procès, sans la victime',
    situation:
      'Le procès s’ouvre devant le tribunal correctionnel. A. n’est pas là : personne ne sait où elle vit désormais. Sans son témoignage à l’audience, la réponse pénale est affaiblie, et elle ne peut faire valoir ses droits de victime.',
    end: true,
  },
];

const CHOICES: Choice[] = [
  {
    from: 'reperage',
    label: 'Interroger la jeune femme sur place, devant l’homme, pour en avoir le cœur net',
    to: 'alerte-paf',
    minutes: 15,
    quality: 'poor',
    consequence:
      'A. se fige et répète qu’elle « va chez son oncle ». L’homme s’agace et passe un appel dans une langue que vous ne comprenez pas. Vous finissez par alerter la PAF, qui les retrouve à la porte d’embarquement ; mais le réseau sait désormais qu’elle a été repérée.',
    failure:
      'Le repérage a été éventé : questionner la victime devant son accompagnateur l’expose et prévient le réseau. Le circuit rapide consiste à alerter la PAF sans intervenir soi-même.',
  },
  {
    from: 'reperage',
    label:
      'Enregistrer normalement sans rien laisser paraître, puis alerter aussitôt la police aux frontières de l’aérogare',
    to: 'alerte-paf',
    minutes: 10,
    quality: 'good',
    consequence:
      'L’homme ne se doute de rien. Dix minutes plus tard, deux fonctionnaires de la PAF se présentent à la porte d’embarquement et invitent les deux passagers à les suivre, séparément.',
  },
  {
    from: 'reperage',
    label: 'Noter vos observations et les transmettre à votre encadrement en fin de service',
    to: 'perdue-aeroport',
    minutes: 8 * HOUR,
    quality: 'poor',
    consequence:
      'Huit heures plus tard, votre encadrement transmet l’information à la PAF. Les deux passagers ont pris leur correspondance depuis longtemps.',
    failure:
      'L’alerte n’a pas été donnée à temps : le personnel aérien doit pouvoir alerter immédiatement la PAF, la gendarmerie ou l’inspection du travail de Roissy, pour qu’ils prennent le relais.',
  },
  {
    from: 'alerte-paf',
    label:
      'Traiter d’abord la fraude documentaire : refus d’entrée et maintien en zone d’attente ; le parquet sera avisé ensuite',
    to: 'zone-attente',
    minutes: 4 * HOUR,
    quality: 'poor',
    consequence:
      'La procédure de non-admission démarre. Le parquet n’en est avisé que quatre heures plus tard, par un compte rendu qui ne dit rien d’une suspicion de traite.',
    failure:
      'La victime a été traitée comme une fraudeuse : la suspicion de traite n’a été transmise ni au parquet ni aux enquêteurs spécialisés.',
  },
  {
    from: 'alerte-paf',
    label: 'Appeler l’OCRTEH et lui laisser le soin d’aviser le parquet',
    to: 'parquet',
    minutes: 90,
    quality: 'acceptable',
    consequence:
      'L’OCRTEH prend l’affaire au sérieux mais rappelle que le parquet décide de l’enquête et de la protection. Une heure et demie s’est écoulée quand le parquet est enfin saisi.',
    failure:
      'Le parquet n’a pas été avisé d’emblée : c’est lui qui dirige l’enquête et décide de la protection d’une mineure. Une alerte partagée informe en même temps tous ceux qui doivent agir.',
  },
  {
    from: 'alerte-paf',
    label:
      'Lancer une alerte Relais vers les permanences compétentes : parquet (référent traite et parquet des mineurs), OCRTEH et association spécialisée, en signalant la minorité possible',
    to: 'parquet',
    minutes: 20,
    quality: 'good',
    consequence:
      'En vingt minutes, la permanence du parquet des mineurs a pris l’alerte en charge ; l’OCRTEH est informé et l’association spécialisée se tient prête.',
  },
  {
    from: 'zone-attente',
    label: 'Ne rien signaler : la procédure de zone d’attente suit son cours',
    to: 'renvoi',
    minutes: DAY,
    quality: 'poor',
    consequence: 'Le lendemain matin, A. est réacheminée vers l’aéroport d’où elle venait.',
    failure:
      'Personne n’a fait le lien entre la procédure d’entrée et la traite : sans signalement au parquet, la victime est renvoyée là où le réseau l’attend.',
  },
  {
    from: 'zone-attente',
    label:
      'Signaler sans attendre la situation au parquet et demander la désignation d’un administrateur ad hoc',
    to: 'parquet',
    minutes: HOUR,
    quality: 'good',
    consequence:
      'Saisi de la suspicion de traite et de la minorité déclarée, le parquet reprend l’affaire : A. sera entendue comme victime, et un administrateur ad hoc est désigné.',
  },
  {
    from: 'parquet',
    label: 'Ordonner d’abord un examen osseux ; A. attend le résultat au commissariat',
    to: 'examen-age',
    minutes: DAY,
    quality: 'acceptable',
    consequence: 'Il faut une journée pour obtenir l’examen et son résultat. A. la passe au commissariat.',
  },
  {
    from: 'parquet',
    label:
      'Retenir la minorité, le doute lui profitant : ordonnance de placement provisoire et désignation d’un administrateur ad hoc',
    to: 'opp',
    minutes: 2 * HOUR,
    quality: 'good',
    consequence:
      'Deux heures après l’alerte, l’OPP est prise et un administrateur ad hoc représentera A. dans la procédure. L’enquête pour traite des êtres humains est confiée à l’OCRTEH.',
  },
  {
    from: 'parquet',
    label:
      'La tenir pour majeure d’après son passeport : pas de mesure de protection, une convocation pour être entendue plus tard',
    to: 'sortie-sans-protection',
    minutes: HOUR,
    quality: 'poor',
    consequence: 'A. est libre de partir. Elle n’a nulle part où aller.',
    failure:
      'La protection de l’enfance n’a pas été saisie : le doute sur l’âge devait profiter à la jeune fille. Sans mesure de protection, rien ne la met à l’abri du réseau.',
  },
  {
    from: 'examen-age',
    label: 'Retenir la majorité au vu de l’examen : pas de mesure de protection, convocation ultérieure',
    to: 'sortie-sans-protection',
    minutes: HOUR,
    quality: 'poor',
    consequence: 'A. est libre de partir. Elle n’a nulle part où aller.',
    failure:
      'L’examen osseux a été pris pour une preuve : sa marge d’erreur laissait un doute qui devait profiter à la jeune fille.',
  },
  {
    from: 'examen-age',
    label: 'Le doute demeure : retenir la minorité, ordonner l’OPP et désigner un administrateur ad hoc',
    to: 'opp',
    minutes: 2 * HOUR,
    quality: 'good',
    consequence: 'L’OPP est prise. A. a perdu une journée, et le réseau sait où elle se trouve.',
  },
  {
    from: 'sortie-sans-protection',
    label:
      'Solliciter le dispositif national Ac.Sé pour une place d’hébergement sécurisé loin de l’Île-de-France, et l’informer du délai de réflexion de 30 jours',
    to: 'eloignement',
    minutes: DAY,
    quality: 'acceptable',
    consequence:
      'Une place est trouvée dans un centre partenaire du réseau Ac.Sé, dans une autre région. A. y arrive le lendemain soir, accompagnée.',
  },
  {
    from: 'sortie-sans-protection',
    label: 'Lui donner le numéro du 115 et l’adresse d’un accueil de jour',
    to: 'fugue',
    minutes: 2 * HOUR,
    quality: 'poor',
    consequence:
      'Le 115 n’a pas de place ce soir-là. A. accepte l’hébergement proposé par le « compatriote ».',
    failure:
      'Aucune mise à l’abri adaptée : l’hébergement d’urgence généraliste ne protège pas une victime que son réseau cherche à récupérer.',
  },
  {
    from: 'sortie-sans-protection',
    label: 'La laisser accepter l’hébergement du compatriote, en notant son numéro pour la recontacter',
    to: 'fugue',
    minutes: 30,
    quality: 'poor',
    consequence: 'Le numéro ne répond plus dès le lendemain.',
    failure:
      'La victime a été remise, de fait, entre les mains du réseau : aucun acteur de la protection n’a été sollicité.',
  },
  {
    from: 'opp',
    label: 'La placer en urgence au foyer départemental le plus proche de l’aéroport',
    to: 'foyer-proche',
    minutes: 3 * HOUR,
    quality: 'poor',
    consequence: 'A. est accueillie le soir même dans un foyer ouvert, à quelques kilomètres de l’aéroport.',
    failure:
      'Le placement a ignoré le danger local : un foyer ouvert proche du lieu d’exploitation laisse le réseau reprendre contact.',
  },
  {
    from: 'opp',
    label:
      'L’orienter vers une structure volontaire pour accueillir les mineurs victimes de traite, loin de l’Île-de-France, avec un transport accompagné',
    to: 'eloignement',
    minutes: 12 * HOUR,
    quality: 'good',
    consequence:
      'Une place est libre dans une structure d’une autre région. Une éducatrice accompagne A. en train ; elle y dort la nuit suivante.',
  },
  {
    from: 'opp',
    label: 'Faute de place, l’installer seule à l’hôtel en attendant une solution',
    to: 'foyer-proche',
    minutes: 2 * DAY,
    quality: 'poor',
    consequence:
      'A. passe deux nuits seule dans un hôtel près de l’aéroport, puis est orientée vers le foyer départemental.',
    failure:
      'Une mineure victime laissée seule à l’hôtel : aucune protection effective, et les structures spécialisées n’ont pas été sollicitées.',
  },
  {
    from: 'foyer-proche',
    label:
      'Informer le juge des enfants et les enquêteurs, et organiser sans délai un transfert loin de l’Île-de-France',
    to: 'eloignement',
    minutes: DAY,
    quality: 'acceptable',
    consequence: 'Le transfert a lieu le lendemain. A. a eu peur ; sa confiance est ébranlée.',
  },
  {
    from: 'foyer-proche',
    label: 'Renforcer la vigilance du foyer, sans changer le placement',
    to: 'fugue',
    minutes: 3 * DAY,
    quality: 'poor',
    consequence: 'Trois jours plus tard, A. ne rentre pas au foyer.',
    failure:
      'Le signe de reprise de contact par le réseau n’a été transmis ni au juge ni aux enquêteurs, et le placement n’a pas été revu.',
  },
  {
    from: 'eloignement',
    label:
      'Accepter que les enquêteurs l’entendent dès demain par visioconférence, sans interprète, pour ne pas ralentir l’enquête',
    to: 'audition-ratee',
    minutes: DAY,
    quality: 'poor',
    consequence: 'Le lendemain, A. est installée seule devant un écran, face à deux enquêteurs.',
    failure:
      'Enquête et accompagnement n’ont pas été coordonnés : une audition précipitée, sans interprète ni temps de sécurisation, abîme la parole de la victime.',
  },
  {
    from: 'eloignement',
    label:
      'Lui laisser le temps de se sécuriser (soins, avocat, information sur ses droits) et préparer avec les enquêteurs une audition la semaine suivante, avec interprète',
    to: 'audition',
    minutes: 7 * DAY,
    quality: 'good',
    consequence:
      'Une semaine plus tard, A. a vu un médecin, rencontré une avocate et retrouvé un peu de sommeil. Elle accepte d’être entendue.',
  },
  {
    from: 'eloignement',
    label: 'Repousser toute audition d’un mois, sans contact avec les enquêteurs d’ici là',
    to: 'audition',
    minutes: 30 * DAY,
    quality: 'acceptable',
    consequence:
      'A. est entendue un mois plus tard. Entre-temps, plusieurs membres du réseau ont changé de téléphone et d’adresse.',
  },
  {
    from: 'audition-ratee',
    label:
      'Reprendre contact avec les enquêteurs et programmer une nouvelle audition préparée, avec interprète et avocat',
    to: 'audition',
    minutes: 14 * DAY,
    quality: 'acceptable',
    consequence:
      'Deux semaines plus tard, A. est réentendue dans de bonnes conditions. Ses premières déclarations contradictoires seront toutefois discutées au procès.',
  },
  {
    from: 'audition-ratee',
    label: 'Considérer qu’elle ne souhaite pas témoigner et clore le suivi de son côté',
    to: 'proces-sans-victime',
    minutes: 365 * DAY,
    quality: 'poor',
    consequence: 'L’enquête continue sans elle. Un an plus tard, l’affaire est jugée.',
    failure:
      'Le silence d’une victime traumatisée a été pris pour un refus de coopérer ; personne n’a proposé une nouvelle audition adaptée.',
  },
  {
    from: 'audition',
    label:
      'Confier le suivi à l’association, avec un point tous les trois mois, sans préparer sa venue à l’audience',
    to: 'proces',
    minutes: 365 * DAY,
    quality: 'acceptable',
    consequence:
      'A. vient au procès, mais seule et sans y avoir été préparée ; elle ne se constitue partie civile que le jour de l’audience.',
  },
  {
    from: 'audition',
    label: 'Clore le suivi une fois le placement stabilisé : elle sera convoquée par courrier à l’audience',
    to: 'proces-sans-victime',
    minutes: 365 * DAY,
    quality: 'poor',
    consequence: 'La convocation part à une adresse que A. a quittée depuis des mois.',
    failure:
      'Le suivi s’est arrêté avant le procès : personne n’a fait le lien entre la victime, son avocat et la juridiction.',
  },
  {
    from: 'audition',
    label:
      'Maintenir l’accompagnement jusqu’au procès et au-delà : hébergement sûr, avocate, partie civile, droit au séjour, préparation de l’audience',
    to: 'proces',
    minutes: 365 * DAY,
    quality: 'good',
    consequence:
      'Pendant un an, l’association et l’avocate restent en lien avec A. ; ses droits sont sécurisés et elle prépare l’audience, transport et protection compris.',
  },
];

export const DEMO_SCENARIO = {
  slug: DEMO_SCENARIO_SLUG,
  title: 'Repérée à Roissy : de l’alerte au procès',
  summary:
    'Cas fictif. À l’aéroport Paris-Charles-de-Gaulle, une agente d’escale remarque une jeune femme qui voyage avec un homme gardant son passeport. Suivez le cas de l’alerte au procès : police aux frontières, parquet, ordonnance de placement provisoire, mise à l’abri loin du lieu d’exploitation, audition, procès. À chaque étape, votre choix change la suite et le temps écoulé.',
  startStep: 'reperage',
  steps: STEPS,
  choices: CHOICES,
};

/** Loads the shipped scenario, published; does nothing when its address is already taken. */
export async function seedDemoScenario(db: Kysely<DB>): Promise<void> {
  const exists = await db
    .selectFrom('scenarios')
    .select('id')
    .where('slug', '=', DEMO_SCENARIO_SLUG)
    .executeTakeFirst();
  if (exists) return;
  const problems = validateScenarioGraph(
    DEMO_SCENARIO.startStep,
    STEPS.map((s) => ({ key: s.key, isEnd: !!s.end })),
    CHOICES.map((c) => ({ stepKey: c.from, nextStep: c.to, minutes: c.minutes, quality: c.quality })),
  );
  if (problems.length > 0) throw new Error(`demo scenario: ${problems.map((p) => p.message).join(' ')}`);
  await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('scenarios')
      .values({
        slug: DEMO_SCENARIO.slug,
        title: DEMO_SCENARIO.title,
        summary: DEMO_SCENARIO.summary,
        start_step: DEMO_SCENARIO.startStep,
        status: 'published',
        is_synthetic: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('scenario_steps')
      .values(
        STEPS.map((s, i) => ({
          scenario_id: id,
          key: s.key,
          phase: s.phase,
          title: s.title,
          situation: s.situation,
          good_practice: s.goodPractice ?? '',
          is_end: !!s.end,
          position: i + 1,
        })),
      )
      .execute();
    await trx
      .insertInto('scenario_choices')
      .values(
        CHOICES.map((c, i) => ({
          scenario_id: id,
          step_key: c.from,
          label: c.label,
          next_step: c.to,
          minutes: c.minutes,
          consequence: c.consequence,
          quality: c.quality,
          coordination_failure: c.failure ?? '',
          position: i + 1,
        })),
      )
      .execute();
  });
}
