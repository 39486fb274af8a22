-- Training of professionals (issue 9): the catalogue of courses, sessions with registrations and a waiting list,
-- distance learning (lessons and a quiz per course), certificates, and branching case exercises (scenarios).

CREATE TABLE courses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{2,60}$'),
  title text NOT NULL,
  summary text NOT NULL DEFAULT '',
  -- Professional categories the course is for (see src/modules/training/reference.ts).
  audiences text[] NOT NULL DEFAULT '{}',
  format text NOT NULL CHECK (format IN ('presentiel', 'distance', 'mixte', 'mise_en_situation')),
  duration_hours numeric(6, 1) CHECK (duration_hours > 0),
  objectives text NOT NULL DEFAULT '',
  prerequisites text NOT NULL DEFAULT '',
  -- The organising body, an institution (ENM, ENPJJ, MIPROF…), never a person.
  organiser text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
  -- Distance learning: the quiz's pass mark in percent (null when the course has no quiz).
  pass_mark smallint CHECK (pass_mark BETWEEN 1 AND 100),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE course_resources (
  course_id uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  resource_id uuid NOT NULL REFERENCES library_resources (id) ON DELETE CASCADE,
  PRIMARY KEY (course_id, resource_id)
);

CREATE TABLE training_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  place text NOT NULL DEFAULT '',
  online_url text CHECK (online_url IS NULL OR online_url ~ '^https://'),
  departement_code text REFERENCES departements (code),
  organiser text NOT NULL DEFAULT '',
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled', 'held')),
  reminded_at timestamptz,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX training_sessions_course_idx ON training_sessions (course_id, starts_at);

-- One registration per person and session: registered (a place), waiting (in order of registered_at), cancelled.
CREATE TABLE session_registrations (
  session_id uuid NOT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  category text NOT NULL,
  departement_code text REFERENCES departements (code),
  status text NOT NULL CHECK (status IN ('registered', 'waiting', 'cancelled')),
  registered_at timestamptz NOT NULL DEFAULT now(),
  promoted_at timestamptz,
  -- The attendance sheet: null until the trainer marks it.
  attended boolean,
  PRIMARY KEY (session_id, user_id)
);
CREATE INDEX session_registrations_waiting_idx ON session_registrations (session_id, registered_at) WHERE status = 'waiting';

-- Distance learning: a course's lessons in order, and its quiz's questions.
CREATE TABLE course_lessons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  position integer NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  UNIQUE (course_id, position)
);

CREATE TABLE quiz_questions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  position integer NOT NULL,
  text text NOT NULL,
  multiple boolean NOT NULL DEFAULT false,
  -- [{ "id": "a", "text": "…", "correct": true }]
  choices jsonb NOT NULL,
  explanation text NOT NULL DEFAULT '',
  UNIQUE (course_id, position)
);

CREATE TABLE lesson_progress (
  user_id uuid NOT NULL REFERENCES users (id),
  lesson_id uuid NOT NULL REFERENCES course_lessons (id) ON DELETE CASCADE,
  done_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, lesson_id)
);

CREATE TABLE quiz_attempts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  course_id uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  started_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz,
  -- { "<question id>": ["a", "c"] }
  answers jsonb,
  score smallint,
  passed boolean
);
CREATE INDEX quiz_attempts_user_idx ON quiz_attempts (user_id, course_id, started_at);

-- What was completed and by whom, in which category and département: the counts that feed the plan.
CREATE TABLE training_certificates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  course_id uuid NOT NULL REFERENCES courses (id),
  session_id uuid REFERENCES training_sessions (id),
  kind text NOT NULL CHECK (kind IN ('session', 'distance')),
  category text NOT NULL,
  departement_code text REFERENCES departements (code),
  issued_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, course_id, session_id)
);
CREATE UNIQUE INDEX training_certificates_distance_idx ON training_certificates (user_id, course_id) WHERE session_id IS NULL;
CREATE INDEX training_certificates_issued_idx ON training_certificates (issued_at);

-- Case exercises: a branching scenario of steps and choices, and each learner's runs through it.
CREATE TABLE scenarios (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{2,60}$'),
  title text NOT NULL,
  summary text NOT NULL DEFAULT '',
  start_step text,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  is_synthetic boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE scenario_steps (
  scenario_id uuid NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  key text NOT NULL CHECK (key ~ '^[a-z0-9-]{1,40}$'),
  phase text NOT NULL CHECK (phase IN ('identification', 'alerte', 'parquet', 'opp', 'placement', 'audition', 'proces')),
  title text NOT NULL,
  situation text NOT NULL,
  -- What good practice is at this step, shown in the debrief.
  good_practice text NOT NULL DEFAULT '',
  is_end boolean NOT NULL DEFAULT false,
  position integer NOT NULL DEFAULT 0,
  PRIMARY KEY (scenario_id, key)
);

CREATE TABLE scenario_choices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scenario_id uuid NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  step_key text NOT NULL,
  label text NOT NULL,
  next_step text NOT NULL,
  -- Time this action takes in the story (minutes), and what it leads to.
  minutes integer NOT NULL DEFAULT 0 CHECK (minutes BETWEEN 0 AND 100000),
  consequence text NOT NULL DEFAULT '',
  quality text NOT NULL CHECK (quality IN ('good', 'acceptable', 'poor')),
  -- When this choice is a coordination failure, what failed (shown in the debrief).
  coordination_failure text NOT NULL DEFAULT '',
  position integer NOT NULL DEFAULT 0,
  FOREIGN KEY (scenario_id, step_key) REFERENCES scenario_steps (scenario_id, key) ON DELETE CASCADE
);

CREATE TABLE scenario_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scenario_id uuid NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id),
  current_step text NOT NULL,
  -- [{ "step": "…", "choice": "<choice id>", "minutes": 30 }]
  path jsonb NOT NULL DEFAULT '[]',
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX scenario_runs_user_idx ON scenario_runs (user_id, started_at DESC);
