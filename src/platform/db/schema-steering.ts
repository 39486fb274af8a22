/** Tables of the steering space and the collective (modules steering and collective, issue 8). */
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './schema.js';

type Created = ColumnType<Date, Date | string | undefined, never>;
type Updated = ColumnType<Date, Date | string | undefined, Date | string>;
type Day = ColumnType<string | null, string | null | undefined, string | null>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Json<T> = ColumnType<T, string, string>;

export type PlanStatus = 'draft' | 'consultation' | 'published' | 'closed';
export type MeasureStatus = 'planned' | 'in_progress' | 'done' | 'delayed' | 'dropped';

export interface PlansTable {
  id: Generated<string>;
  slug: string;
  title: string;
  period_start: number;
  period_end: number;
  status: Generated<PlanStatus>;
  summary: Generated<string>;
  is_demo: Generated<boolean>;
  published_at: Timestamp | null;
  created_at: Created;
  updated_at: Updated;
}

export interface PlanAxesTable {
  id: Generated<string>;
  plan_id: string;
  number: string;
  title: string;
  description: Generated<string>;
  position: Generated<number>;
}

export interface PlanMeasuresTable {
  id: Generated<string>;
  plan_id: string;
  axis_id: string;
  parent_id: string | null;
  number: string;
  title: string;
  description: Generated<string>;
  lead: Generated<string>;
  partners: TextArray;
  status: Generated<MeasureStatus>;
  progress: number | null;
  weight: Generated<number>;
  starts_on: Day;
  ends_on: Day;
  position: Generated<number>;
  is_demo: Generated<boolean>;
  created_at: Created;
  updated_at: Updated;
}

export interface MeasureMilestonesTable {
  id: Generated<string>;
  measure_id: string;
  title: string;
  due_on: Day;
  done_on: Day;
}

export interface MeasureResourcesTable {
  measure_id: string;
  resource_id: string;
}

export type BudgetLevel = 'central' | 'decentralised' | 'national' | 'unspecified';

export interface BudgetLinesTable {
  id: Generated<string>;
  plan_id: string;
  measure_id: string | null;
  year: number;
  programme: string;
  action: Generated<string>;
  level: BudgetLevel;
  planned: number;
  committed: number | null;
  spent: number | null;
  note: Generated<string>;
  source: Generated<string>;
  is_demo: Generated<boolean>;
  updated_at: Updated;
}

export type FundingStatus = 'unknown' | 'funded' | 'partly_funded' | 'unfunded' | 'ended';

export interface PilotProjectsTable {
  id: Generated<string>;
  slug: string;
  plan_id: string | null;
  name: string;
  description: Generated<string>;
  partners: TextArray;
  places: Generated<string>;
  starts_on: Day;
  ends_on: Day;
  funding_status: FundingStatus;
  funding_note: Generated<string>;
  evaluation_notes: Generated<string>;
  case_tag: string | null;
  is_demo: Generated<boolean>;
  updated_at: Updated;
}

export type IndicatorUnit = 'count' | 'percent' | 'hours' | 'euros';

export interface PlanIndicatorsTable {
  id: Generated<string>;
  plan_id: string;
  measure_id: string | null;
  pilot_id: string | null;
  code: string;
  title: string;
  definition: string;
  unit: IndicatorUnit;
  source: string;
  period_from: Day;
  period_to: Day;
  baseline: number | null;
  target: number | null;
  manual_value: number | null;
  manual_count: number | null;
  actual: number | null;
  actual_count: number | null;
  refreshed_at: Timestamp | null;
  position: Generated<number>;
  is_demo: Generated<boolean>;
}

export type Commission = 'none' | 'codaf' | 'sortie_prostitution' | 'clav' | 'other';

export interface DepartementDeploymentTable {
  departement_code: string;
  commission: Generated<Commission>;
  commission_note: Generated<string>;
  parquet_referent: Generated<boolean>;
  parquet_organisation: Generated<string>;
  minors_circuit: Generated<boolean>;
  is_demo: Generated<boolean>;
  updated_by: string | null;
  updated_at: Updated;
}

export type Rating = 'keep' | 'improve' | 'drop';

export interface MeasureRatingsTable {
  measure_id: string;
  organisation_id: string;
  rating: Rating;
  comment: Generated<string>;
  user_id: string | null;
  updated_at: Updated;
}

export type ContributionDecision = 'accepted' | 'considered' | 'not_retained';

export interface PlanContributionsTable {
  id: Generated<string>;
  plan_id: string;
  measure_id: string | null;
  axis_id: string | null;
  organisation_id: string;
  author_id: string | null;
  body: string;
  created_at: Created;
  decision: ContributionDecision | null;
  answer: string | null;
  answered_by: string | null;
  answered_at: Timestamp | null;
}

export interface CollectiveMembersTable {
  organisation_id: string;
  joined_on: Day;
  is_demo: Generated<boolean>;
}

export interface AgendaItem {
  title: string;
  items?: AgendaItem[];
}

export type MeetingKind = 'plenary' | 'institutions' | 'delegation' | 'other';

export interface MeetingsTable {
  id: Generated<string>;
  kind: MeetingKind;
  title: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  all_day: Generated<boolean>;
  place: Generated<string>;
  agenda: Json<AgendaItem[]>;
  summary: Generated<string>;
  minutes: Generated<string>;
  status: Generated<'planned' | 'held' | 'cancelled'>;
  next_meeting_id: string | null;
  sequence: Generated<number>;
  invitations_sent_at: Timestamp | null;
  minutes_sent_at: Timestamp | null;
  is_demo: Generated<boolean>;
  created_at: Created;
  updated_at: Updated;
}

export interface MeetingInvitationsTable {
  meeting_id: string;
  organisation_id: string;
}

export interface MeetingRegistrationsTable {
  meeting_id: string;
  user_id: string;
  organisation_id: string;
  registered_at: Created;
}

export interface MeetingAttendanceTable {
  meeting_id: string;
  organisation_id: string;
}

export interface MeetingItemsTable {
  id: Generated<string>;
  meeting_id: string;
  kind: 'decision' | 'action';
  text: string;
  owner_organisation_id: string | null;
  due_on: Day;
  done_on: Day;
  position: Generated<number>;
}
