/** Publics, specialisations and the reason lists of placements. */

export const PUBLICS = ['mineures', 'mineurs', 'femmes', 'hommes', 'familles'] as const;
export type Public = (typeof PUBLICS)[number];

export const SPECIALISATIONS = ['teh', 'non_specialised', 'foster_families'] as const;
export type Specialisation = (typeof SPECIALISATIONS)[number];

export const URGENCIES = ['immediate', 'within_48h', 'planned'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const REFUSAL_REASONS = ['no_place', 'profile', 'security', 'language', 'distance', 'other'] as const;
export const END_REASONS = ['orientation', 'autonomy', 'runaway', 'transfer', 'other'] as const;

/** Default éloignement: the structure must be at least this far from the place of exploitation. */
export const DEFAULT_MIN_DISTANCE_KM = 100;
/** A hold keeps the place this long unless the structure answers. */
export const DEFAULT_HOLD_HOURS = 4;
/** Capacity not confirmed for this long is flagged stale. */
export const STALE_AFTER_DAYS = 7;
/** The OPP must be issued within 48 hours of the referral; warnings with 24 h and 4 h left. */
export const OPP_HOURS = 48;
/** Milestones of the OPP clock, from the referral: warnings with 24 h and 4 h left, the breach at 48 h. */
export const OPP_MILESTONES = [
  { key: 'warned_24h', at: (OPP_HOURS - 24) * 3_600_000 },
  { key: 'warned_4h', at: (OPP_HOURS - 4) * 3_600_000 },
  { key: 'breached', at: OPP_HOURS * 3_600_000 },
] as const;
export type OppMilestone = (typeof OPP_MILESTONES)[number]['key'];
export const OPP_WITHDRAWAL_REASONS = ['adult', 'runaway', 'other_measure', 'error'] as const;
/** A referral may be recorded after the fact, up to this many days back. */
export const OPP_MAX_BACKDATE_DAYS = 30;
