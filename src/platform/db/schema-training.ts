/** Tables of the training module (issue 9). */
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './schema.js';

type Created = ColumnType<Date, Date | string | undefined, never>;
type Updated = ColumnType<Date, Date | string | undefined, Date | string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Json<T> = ColumnType<T, string, string>;

export type CourseFormat = 'presentiel' | 'distance' | 'mixte' | 'mise_en_situation';

export interface CoursesTable {
  id: Generated<string>;
  slug: string;
  title: string;
  summary: Generated<string>;
  audiences: TextArray;
  format: CourseFormat;
  duration_hours: number | null;
  objectives: Generated<string>;
  prerequisites: Generated<string>;
  organiser: Generated<string>;
  status: Generated<'draft' | 'published' | 'archived'>;
  pass_mark: number | null;
  is_demo: Generated<boolean>;
  created_at: Created;
  updated_at: Updated;
}

export interface CourseResourcesTable {
  course_id: string;
  resource_id: string;
}

export interface TrainingSessionsTable {
  id: Generated<string>;
  course_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  place: Generated<string>;
  online_url: string | null;
  departement_code: string | null;
  organiser: Generated<string>;
  capacity: number;
  status: Generated<'scheduled' | 'cancelled' | 'held'>;
  reminded_at: Timestamp | null;
  is_demo: Generated<boolean>;
  created_at: Created;
}

export type RegistrationStatus = 'registered' | 'waiting' | 'cancelled';

export interface SessionRegistrationsTable {
  session_id: string;
  user_id: string;
  organisation_id: string;
  category: string;
  departement_code: string | null;
  status: RegistrationStatus;
  registered_at: ColumnType<Date, Date | string | undefined, Date | string>;
  promoted_at: Timestamp | null;
  attended: boolean | null;
}

export interface CourseLessonsTable {
  id: Generated<string>;
  course_id: string;
  position: number;
  title: string;
  body: string;
}

export interface QuizChoice {
  id: string;
  text: string;
  correct: boolean;
}

export interface QuizQuestionsTable {
  id: Generated<string>;
  course_id: string;
  position: number;
  text: string;
  multiple: Generated<boolean>;
  choices: Json<QuizChoice[]>;
  explanation: Generated<string>;
}

export interface LessonProgressTable {
  user_id: string;
  lesson_id: string;
  done_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface QuizAttemptsTable {
  id: Generated<string>;
  user_id: string;
  course_id: string;
  started_at: ColumnType<Date, Date | string | undefined, never>;
  submitted_at: Timestamp | null;
  answers: ColumnType<Record<string, string[]> | null, string | null | undefined, string | null>;
  score: number | null;
  passed: boolean | null;
  category: string | null;
  departement_code: string | null;
}

export interface TrainingCertificatesTable {
  id: Generated<string>;
  user_id: string;
  course_id: string;
  session_id: string | null;
  kind: 'session' | 'distance';
  category: string;
  departement_code: string | null;
  issued_at: ColumnType<Date, Date | string | undefined, never>;
}

export type ScenarioPhase = 'identification' | 'alerte' | 'parquet' | 'opp' | 'placement' | 'audition' | 'proces';

export interface ScenariosTable {
  id: Generated<string>;
  slug: string;
  title: string;
  summary: Generated<string>;
  start_step: string | null;
  status: Generated<'draft' | 'published'>;
  is_synthetic: Generated<boolean>;
  updated_at: Updated;
}

export interface ScenarioStepsTable {
  scenario_id: string;
  key: string;
  phase: ScenarioPhase;
  title: string;
  situation: string;
  good_practice: Generated<string>;
  is_end: Generated<boolean>;
  position: Generated<number>;
}

export interface ScenarioChoicesTable {
  id: Generated<string>;
  scenario_id: string;
  step_key: string;
  label: string;
  next_step: string;
  minutes: Generated<number>;
  consequence: Generated<string>;
  quality: 'good' | 'acceptable' | 'poor';
  coordination_failure: Generated<string>;
  position: Generated<number>;
}

export interface ScenarioRunStep {
  step: string;
  choice: string;
  minutes: number;
}

export interface ScenarioRunsTable {
  id: Generated<string>;
  scenario_id: string;
  user_id: string;
  current_step: string;
  path: ColumnType<ScenarioRunStep[], string | undefined, string>;
  started_at: ColumnType<Date, Date | string | undefined, never>;
  finished_at: Timestamp | null;
}
