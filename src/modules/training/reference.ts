/** Professional categories counted by the plan, course formats, scenario phases (codes kept in French, as in the UI). */
export const CATEGORIES = [
  'police_gendarmerie',
  'magistrature',
  'ofii_ofpra',
  'asile_hebergement',
  'pjj_administrateurs',
  'personnel_aerien',
  'inspection_travail',
  'travail_social',
  'associations',
  'autre',
] as const;
export type Category = (typeof CATEGORIES)[number];
export const isCategory = (value: string): value is Category => (CATEGORIES as readonly string[]).includes(value);

export const FORMATS = ['presentiel', 'distance', 'mixte', 'mise_en_situation'] as const;
export const PHASES = ['identification', 'alerte', 'parquet', 'opp', 'placement', 'audition', 'proces'] as const;

/** Trainers author courses, sessions and scenarios; the national administration too. */
export const TRAINERS = ['trainer', 'national_admin'] as const;
