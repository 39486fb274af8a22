import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Timestamps come back as Date; we write Date or ISO strings. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface ReferenceDatasetsTable {
  name: string;
  version: string;
  loaded_at: Generated<Date>;
}

export interface RegionsTable {
  code: string;
  name: string;
}

export interface DepartementsTable {
  code: string;
  name: string;
  region_code: string;
  zone: string;
  latitude: number | null;
  longitude: number | null;
}

export interface CommunesTable {
  code: string;
  name: string;
  departement_code: string;
  kind: 'commune' | 'arrondissement';
  parent_code: string | null;
  population: number | null;
  postal_codes: string[];
  latitude: number | null;
  longitude: number | null;
  coordinates_source: 'geonames' | 'departement' | null;
}

export interface AirportsTable {
  iata: string;
  name: string;
  commune_code: string;
  departement_code: string;
  latitude: number;
  longitude: number;
}

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  short_name: string | null;
  type: string;
  departement_code: string | null;
  siret: string | null;
  rna: string | null;
  description: string | null;
  is_demo: Generated<boolean>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  organisation_id: string;
  status: ColumnType<
    'invited' | 'active' | 'deactivated',
    'invited' | 'active' | undefined,
    'invited' | 'active' | 'deactivated'
  >;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  failed_login_count: Generated<number>;
  locked_until: Timestamp | null;
  proconnect_sub: string | null;
  locale: Generated<'fr' | 'en'>;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_login_at: Timestamp | null;
  deactivated_at: Timestamp | null;
}

export interface GrantsTable {
  id: Generated<string>;
  user_id: string;
  role: string;
  scope_kind: 'national' | 'departements' | 'organisation' | 'airport';
  departement_codes: ColumnType<string[], string[] | undefined, string[]>;
  airport_iata: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  auth_method: 'password' | 'proconnect';
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: Timestamp;
  mfa_verified_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface UserTokensTable {
  token_hash: string;
  user_id: string;
  purpose: 'invitation' | 'password_reset';
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  scopes: string[];
  created_at: CreatedAt;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  details: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: string;
  hash: string;
}


/** The one type of the whole database; modules add their tables here. */

import type {
  DesksTable,
  DeskMembersTable,
  DeskShiftsTable,
  RoutingRulesTable,
  AlertsTable,
  AlertPersonsTable,
  AlertRecipientsTable,
  AlertEventsTable,
  IdempotencyKeysTable,
} from './schema-alerts.js';
export type {
  DesksTable,
  DeskMembersTable,
  DeskShiftsTable,
  RoutingRulesTable,
  AlertStatus,
  AlertsTable,
  AlertPersonsTable,
  AlertRecipientsTable,
  AlertEventsTable,
  IdempotencyKeysTable,
} from './schema-alerts.js';
import type { HostOffersTable, OppProceduresTable, PlacementsTable } from './schema-placements.js';

export type {
  HostOffersTable,
  OppProceduresTable,
  PlacementStatus,
  PlacementsTable,
} from './schema-placements.js';

import type {
  CaseAccessLogTable,
  CaseBreakGlassTable,
  CaseConsentsTable,
  CaseEventsTable,
  CaseLinksTable,
  CaseOrganisationsTable,
  CaseReferralsTable,
  CasesTable,
} from './schema-cases.js';
import type {
  DirectoryLocationsTable,
  DirectoryImportsTable,
  DirectoryOrganizationsTable,
  DirectoryProposalsTable,
  DirectoryReportsTable,
  DirectoryServiceAtLocationsTable,
  DirectoryServicesTable,
} from './schema-directory.js';
import type {
  NewsletterDeliveriesTable,
  NewsletterEditionsTable,
  NewsletterEditionVariantsTable,
  NewsletterRemindersTable,
  NewsletterSendingWorkersTable,
  NewsletterSubscribersTable,
  NewsletterSuppressionsTable,
} from './schema-newsletter.js';
import type { LegalTextsTable } from './schema-texts.js';
import type {
  BudgetLinesTable,
  CollectiveMembersTable,
  DepartementDeploymentTable,
  MeasureMilestonesTable,
  MeasureRatingsTable,
  MeasureResourcesTable,
  MeetingAttendanceTable,
  MeetingInvitationsTable,
  MeetingItemsTable,
  MeetingRegistrationsTable,
  MeetingsTable,
  PilotProjectsTable,
  PlanAxesTable,
  PlanContributionsTable,
  PlanIndicatorsTable,
  PlanMeasuresTable,
  PlansTable,
} from './schema-steering.js';
import type {
  CourseLessonsTable,
  CourseResourcesTable,
  CoursesTable,
  LessonProgressTable,
  QuizAttemptsTable,
  QuizQuestionsTable,
  ScenarioChoicesTable,
  ScenarioRunsTable,
  ScenariosTable,
  ScenarioStepsTable,
  SessionRegistrationsTable,
  TrainingCertificatesTable,
  TrainingSessionsTable,
} from './schema-training.js';
import type { LeafletSectionsTable, LeafletTranslationsTable } from './schema-leaflet.js';
import type { ResearchAuthorisationsTable } from './schema-statistics.js';
import type { LibraryAttachmentsTable, LibraryResourcesTable, LibraryVersionsTable } from './schema-library.js';

export type { CaseEventCategory, CaseOutcome, CaseStatus } from './schema-cases.js';

export interface DB {
  courses: CoursesTable;
  course_resources: CourseResourcesTable;
  training_sessions: TrainingSessionsTable;
  session_registrations: SessionRegistrationsTable;
  course_lessons: CourseLessonsTable;
  quiz_questions: QuizQuestionsTable;
  lesson_progress: LessonProgressTable;
  quiz_attempts: QuizAttemptsTable;
  training_certificates: TrainingCertificatesTable;
  scenarios: ScenariosTable;
  scenario_steps: ScenarioStepsTable;
  scenario_choices: ScenarioChoicesTable;
  scenario_runs: ScenarioRunsTable;
  plans: PlansTable;
  plan_axes: PlanAxesTable;
  plan_measures: PlanMeasuresTable;
  measure_milestones: MeasureMilestonesTable;
  measure_resources: MeasureResourcesTable;
  budget_lines: BudgetLinesTable;
  pilot_projects: PilotProjectsTable;
  plan_indicators: PlanIndicatorsTable;
  departement_deployment: DepartementDeploymentTable;
  measure_ratings: MeasureRatingsTable;
  plan_contributions: PlanContributionsTable;
  collective_members: CollectiveMembersTable;
  meetings: MeetingsTable;
  meeting_invitations: MeetingInvitationsTable;
  meeting_registrations: MeetingRegistrationsTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_items: MeetingItemsTable;
  reference_datasets: ReferenceDatasetsTable;
  regions: RegionsTable;
  departements: DepartementsTable;
  communes: CommunesTable;
  airports: AirportsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  grants: GrantsTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  recovery_codes: RecoveryCodesTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  desks: DesksTable;
  desk_members: DeskMembersTable;
  desk_shifts: DeskShiftsTable;
  routing_rules: RoutingRulesTable;
  alerts: AlertsTable;
  alert_persons: AlertPersonsTable;
  alert_recipients: AlertRecipientsTable;
  alert_events: AlertEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  host_offers: HostOffersTable;
  placements: PlacementsTable;
  opp_procedures: OppProceduresTable;
  cases: CasesTable;
  case_organisations: CaseOrganisationsTable;
  case_consents: CaseConsentsTable;
  case_links: CaseLinksTable;
  case_events: CaseEventsTable;
  case_referrals: CaseReferralsTable;
  case_break_glass: CaseBreakGlassTable;
  case_access_log: CaseAccessLogTable;
  directory_organizations: DirectoryOrganizationsTable;
  directory_locations: DirectoryLocationsTable;
  directory_services: DirectoryServicesTable;
  directory_service_at_locations: DirectoryServiceAtLocationsTable;
  directory_reports: DirectoryReportsTable;
  directory_proposals: DirectoryProposalsTable;
  directory_imports: DirectoryImportsTable;
  newsletter_subscribers: NewsletterSubscribersTable;
  newsletter_suppressions: NewsletterSuppressionsTable;
  newsletter_editions: NewsletterEditionsTable;
  newsletter_edition_variants: NewsletterEditionVariantsTable;
  newsletter_deliveries: NewsletterDeliveriesTable;
  newsletter_sending_workers: NewsletterSendingWorkersTable;
  newsletter_reminders: NewsletterRemindersTable;
  library_resources: LibraryResourcesTable;
  library_versions: LibraryVersionsTable;
  library_attachments: LibraryAttachmentsTable;
  legal_texts: LegalTextsTable;
  leaflet_sections: LeafletSectionsTable;
  leaflet_translations: LeafletTranslationsTable;
  research_authorisations: ResearchAuthorisationsTable;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type UserRow = Selectable<UsersTable>;
export type GrantRow = Selectable<GrantsTable>;
export type NewGrant = Insertable<GrantsTable>;
