/** Tables of the protected case files (module cases). Identity columns hold field-cipher values only. */
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './schema.js';

export type CaseStatus = 'open' | 'closed' | 'anonymised';
export type CaseOutcome =
  | 'autonomy'
  | 'lasting_housing'
  | 'employment'
  | 'voluntary_return'
  | 'contact_lost'
  | 'transferred';
export type CaseEventCategory = 'support' | 'proceedings' | 'residence' | 'minor' | 'runaway' | 'closure';

export interface CasesTable {
  id: Generated<string>;
  reference: string;
  status: Generated<CaseStatus>;
  lead_organisation_id: string;
  opened_by: string | null;
  opened_at: Timestamp;
  minor: boolean;
  age: number | null;
  gender: Generated<'female' | 'male' | 'other' | 'unknown'>;
  nationality: string | null;
  languages: Generated<string[]>;
  exploitation: ColumnType<Array<Record<string, string | null>>, string | undefined, string>;
  pilot_tags: Generated<string[]>;
  identity_names: string | null;
  identity_aliases: string | null;
  identity_birth_date: string | null;
  identity_contact: string | null;
  identity_documents: string | null;
  closed_at: Timestamp | null;
  outcome: CaseOutcome | null;
  anonymised_at: Timestamp | null;
  is_demo: Generated<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CaseOrganisationsTable {
  case_id: string;
  organisation_id: string;
  role: 'lead' | 'partner';
  parts: Generated<string[]>;
  since: Timestamp;
}

export interface CaseConsentsTable {
  id: Generated<string>;
  case_id: string;
  organisation_id: string;
  scopes: string[];
  given_at: Timestamp;
  withdrawn_at: Timestamp | null;
  recorded_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface CaseLinksTable {
  case_id: string;
  kind: 'alert' | 'placement';
  target_id: string;
  linked_at: Timestamp;
}

export interface CaseEventsTable {
  id: Generated<string>;
  case_id: string;
  category: CaseEventCategory;
  kind: string;
  occurred_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string | null, string | null | undefined, string | null>;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  note: string | null;
  organisation_id: string | null;
  recorded_by: string | null;
  alert_id: string | null;
  reminded_at: Timestamp | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface CaseReferralsTable {
  id: Generated<string>;
  case_id: string;
  kind: 'referral' | 'transfer';
  from_organisation_id: string;
  to_organisation_id: string;
  parts: string[];
  status: Generated<'pending' | 'accepted' | 'refused' | 'revoked'>;
  reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

export interface CaseBreakGlassTable {
  id: Generated<string>;
  case_id: string;
  user_id: string;
  reason: string;
  granted_at: Timestamp;
  expires_at: Timestamp;
}

export interface CaseAccessLogTable {
  id: Generated<number>;
  case_id: string;
  user_id: string | null;
  organisation_id: string | null;
  at: Timestamp;
  action: 'read' | 'read_identity' | 'break_glass' | 'export' | 'api_read';
  via: Generated<'page' | 'api' | 'admin'>;
}
