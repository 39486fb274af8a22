/** What an alert is described with: contexts, indicators (in our own words), consent paths, outcomes. */

export const ALERT_CONTEXTS = [
  'aeroport',
  'gare_port',
  'voie_publique',
  'lieu_travail',
  'domicile',
  'en_ligne',
  'consulat',
  'structure_sociale_medicale',
  'autre',
] as const;
export type AlertContext = (typeof ALERT_CONTEXTS)[number];

/**
 * Indicators of trafficking, written for Relais. Each lists the contexts where it is asked; `all` everywhere.
 * The checklist shown depends on the chosen context.
 */
export const INDICATORS: ReadonlyArray<{ code: string; contexts: readonly (AlertContext | 'all')[] }> = [
  { code: 'documents_tiers', contexts: ['all'] },
  { code: 'tiers_repond', contexts: ['all'] },
  { code: 'dette', contexts: ['all'] },
  { code: 'adresse_inconnue', contexts: ['all'] },
  { code: 'mineur_non_accompagne', contexts: ['all'] },
  { code: 'peur_violences', contexts: ['all'] },
  { code: 'accompagnateur_controle', contexts: ['aeroport', 'gare_port', 'voie_publique', 'structure_sociale_medicale'] },
  { code: 'billet_tiers', contexts: ['aeroport', 'gare_port'] },
  { code: 'recit_appris', contexts: ['aeroport', 'gare_port', 'consulat'] },
  { code: 'peu_effets', contexts: ['aeroport', 'gare_port'] },
  { code: 'horaires_excessifs', contexts: ['lieu_travail', 'domicile'] },
  { code: 'salaire_retenu', contexts: ['lieu_travail', 'domicile'] },
  { code: 'loge_sur_place', contexts: ['lieu_travail', 'domicile'] },
  { code: 'sorties_interdites', contexts: ['lieu_travail', 'domicile'] },
  { code: 'delits_surveilles', contexts: ['voie_publique', 'gare_port', 'autre'] },
  { code: 'mendicite_encadree', contexts: ['voie_publique', 'gare_port'] },
  { code: 'annonces_tiers', contexts: ['en_ligne'] },
  { code: 'visa_pilote', contexts: ['consulat'] },
  { code: 'employe_diplomate', contexts: ['consulat', 'domicile'] },
  { code: 'soins_accompagnes', contexts: ['structure_sociale_medicale'] },
];

export function indicatorsFor(context: string): string[] {
  return INDICATORS.filter((i) => i.contexts.includes('all') || i.contexts.includes(context as AlertContext)).map((i) => i.code);
}

export const CONSENT_PATHS = ['adult_agrees', 'adult_refuses', 'minor'] as const;
export type ConsentPath = (typeof CONSENT_PATHS)[number];

export const MINOR_ANSWERS = ['yes', 'no', 'unknown'] as const;

export const OUTCOMES = ['placement_requested', 'case_opened', 'transmitted', 'not_trafficking', 'no_further_action'] as const;
export type AlertOutcome = (typeof OUTCOMES)[number];

/** Default acknowledgement deadline of the national coordination desk when it receives an alert nothing matched. */
export const COORDINATION_ACK_MINUTES = 30;
