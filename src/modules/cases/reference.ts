/** What a case file is described with: its journal's kinds, outcomes, shareable parts, consent scopes. */

/** Journal entries by category; the kind decides which details are asked. */
export const EVENT_KINDS = {
  support: [
    'health',
    'psychological',
    'legal',
    'interpreting',
    'schooling',
    'training',
    'employment',
    'housing',
  ],
  proceedings: ['complaint', 'hearing', 'investigation', 'trial', 'judgment'],
  residence: ['reflection_period', 'receipt', 'residence_permit', 'asylum'],
  minor: ['ad_hoc_administrator', 'opp', 'juvenile_judge', 'child_protection'],
  runaway: ['runaway', 'return'],
  closure: ['closure'],
} as const;
export type EventCategory = keyof typeof EVENT_KINDS;
export type EventKind = (typeof EVENT_KINDS)[EventCategory][number];
export const EVENT_CATEGORIES = Object.keys(EVENT_KINDS) as EventCategory[];

export function categoryOf(kind: string): EventCategory | undefined {
  return EVENT_CATEGORIES.find((c) => (EVENT_KINDS[c] as readonly string[]).includes(kind));
}

export const OUTCOMES = [
  'autonomy',
  'lasting_housing',
  'employment',
  'voluntary_return',
  'contact_lost',
  'transferred',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Parts of a file a partner may be given (minimal disclosure); the lead sees all of them. */
export const PARTS = ['profile', 'support', 'proceedings', 'residence', 'minor', 'runaway'] as const;
export type Part = (typeof PARTS)[number];

/** What a consent covers for an organisation: its identity fields, and sharing the journal with it. */
export const CONSENT_SCOPES = ['identity', 'journal'] as const;

export const IDENTITY_FIELDS = ['names', 'aliases', 'birthDate', 'contact', 'documents'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];
export const IDENTITY_COLUMNS: Record<
  IdentityField,
  'identity_names' | 'identity_aliases' | 'identity_birth_date' | 'identity_contact' | 'identity_documents'
> = {
  names: 'identity_names',
  aliases: 'identity_aliases',
  birthDate: 'identity_birth_date',
  contact: 'identity_contact',
  documents: 'identity_documents',
};

/** Pilot projects of the source document, offered as tags (others may be typed). */
export const PILOT_TAGS = ['mineurs-paris', 'appartement-autonomie-afj', 'koutcha', 'ac-se'] as const;

/** Dated entries that call for a reminder, and how many days before. */
export const REMINDERS: Record<string, { daysBefore: number; on: 'occurred_on' | 'ends_on' }> = {
  hearing: { daysBefore: 7, on: 'occurred_on' },
  trial: { daysBefore: 14, on: 'occurred_on' },
  reflection_period: { daysBefore: 5, on: 'ends_on' },
  opp: { daysBefore: 7, on: 'ends_on' },
};

/** The reflection period for foreign victims lasts 30 days. */
export const REFLECTION_DAYS = 30;
/** Break-glass access lasts this long. */
export const BREAK_GLASS_HOURS = 4;
