/** Tables of the alerts module: duty desks, their members and shifts, routing rules, alerts and their timeline. */
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './schema.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface DesksTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  departements: ColumnType<string[], string[] | undefined, string[]>;
  airports: ColumnType<string[], string[] | undefined, string[]>;
  is_coordination: Generated<boolean>;
  active: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DeskMembersTable {
  desk_id: string;
  user_id: string;
  added_at: CreatedAt;
}

export interface DeskShiftsTable {
  id: Generated<string>;
  desk_id: string;
  user_id: string;
  weekdays: number[];
  start_minute: number;
  end_minute: number;
  created_at: CreatedAt;
}

export interface RoutingRulesTable {
  id: Generated<string>;
  name: string;
  active: Generated<boolean>;
  departements: ColumnType<string[], string[] | undefined, string[]>;
  airports: ColumnType<string[], string[] | undefined, string[]>;
  minors_only: Generated<boolean>;
  exploitation_forms: ColumnType<string[], string[] | undefined, string[]>;
  contexts: ColumnType<string[], string[] | undefined, string[]>;
  desk_ids: ColumnType<string[], string[] | undefined, string[]>;
  competence: string | null;
  ack_minutes: Generated<number>;
  escalation_desk_ids: ColumnType<string[], string[] | undefined, string[]>;
  is_demo: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type AlertStatus = 'open' | 'acknowledged' | 'in_progress' | 'closed';

export interface AlertsTable {
  id: Generated<string>;
  reference: string;
  reporter_user_id: string;
  reporter_organisation_id: string;
  context: string;
  place_kind: 'commune' | 'departement' | 'airport';
  commune_code: string | null;
  departement_code: string;
  airport_iata: string | null;
  person_count: number;
  has_minor: boolean;
  exploitation_forms: ColumnType<string[], string[] | undefined, string[]>;
  indicators: ColumnType<string[], string[] | undefined, string[]>;
  immediate_danger: Generated<boolean>;
  consent: 'adult_agrees' | 'adult_refuses' | 'minor';
  description: string | null;
  status: ColumnType<AlertStatus, AlertStatus | undefined, AlertStatus>;
  lead_desk_id: string | null;
  outcome: string | null;
  escalation_level: Generated<number>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  acknowledged_at: Timestamp | null;
  closed_at: Timestamp | null;
}

export interface AlertPersonsTable {
  alert_id: string;
  position: number;
  minor: 'yes' | 'no' | 'unknown';
  estimated_age: number | null;
  gender: 'female' | 'male' | 'other' | 'unknown';
  nationality: string | null;
  languages: ColumnType<string[], string[] | undefined, string[]>;
}

export interface AlertRecipientsTable {
  alert_id: string;
  desk_id: string;
  role: 'responder' | 'observer';
  level: Generated<number>;
  rule_id: string | null;
  routed_at: Timestamp;
  deadline_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
}

export interface AlertEventsTable {
  id: Generated<number>;
  alert_id: string;
  occurred_at: Timestamp;
  kind: string;
  actor_user_id: string | null;
  desk_id: string | null;
  target_desk_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  note: string | null;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  resource_id: string;
  created_at: CreatedAt;
}
