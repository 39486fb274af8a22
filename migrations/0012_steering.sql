-- Steering space (issue 8): the national action plan with its axes, measures and sub-measures, budget lines,
-- indicators (entered or computed from Relais data), pilot projects, departmental deployment, the associations'
-- joint review and contributions; the collective's members and meetings.

CREATE TABLE plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{2,60}$'),
  title text NOT NULL,
  period_start integer NOT NULL CHECK (period_start BETWEEN 2000 AND 2100),
  period_end integer NOT NULL CHECK (period_end BETWEEN 2000 AND 2100),
  -- draft: coordinators only; consultation: the collective rates and contributes; published: public at /plan.
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'consultation', 'published', 'closed')),
  summary text NOT NULL DEFAULT '',
  is_demo boolean NOT NULL DEFAULT false,
  published_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (period_end >= period_start)
);

CREATE TABLE plan_axes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  number text NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  position integer NOT NULL DEFAULT 0,
  UNIQUE (plan_id, number)
);

CREATE TABLE plan_measures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  axis_id uuid NOT NULL REFERENCES plan_axes (id) ON DELETE CASCADE,
  -- A sub-measure: its parent's progress is the weighted mean of its children's.
  parent_id uuid REFERENCES plan_measures (id) ON DELETE CASCADE,
  number text NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  lead text NOT NULL DEFAULT '',
  partners text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'delayed', 'dropped')),
  -- The measure's own progress; a measure with sub-measures takes theirs.
  progress smallint CHECK (progress BETWEEN 0 AND 100),
  weight numeric(8, 2) NOT NULL DEFAULT 1 CHECK (weight > 0),
  starts_on date,
  ends_on date,
  position integer NOT NULL DEFAULT 0,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan_id, number),
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX plan_measures_plan_idx ON plan_measures (plan_id, position);
CREATE INDEX plan_measures_parent_idx ON plan_measures (parent_id);

CREATE TABLE measure_milestones (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  measure_id uuid NOT NULL REFERENCES plan_measures (id) ON DELETE CASCADE,
  title text NOT NULL,
  due_on date,
  done_on date
);
CREATE INDEX measure_milestones_measure_idx ON measure_milestones (measure_id);

CREATE TABLE measure_resources (
  measure_id uuid NOT NULL REFERENCES plan_measures (id) ON DELETE CASCADE,
  resource_id uuid NOT NULL REFERENCES library_resources (id) ON DELETE CASCADE,
  PRIMARY KEY (measure_id, resource_id)
);

-- Money per measure (or for the plan as a whole when the source gives no breakdown) and year, in euros.
CREATE TABLE budget_lines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  measure_id uuid REFERENCES plan_measures (id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  programme text NOT NULL,
  action text NOT NULL DEFAULT '',
  level text NOT NULL CHECK (level IN ('central', 'decentralised', 'national', 'unspecified')),
  planned numeric(14, 2) NOT NULL CHECK (planned >= 0),
  committed numeric(14, 2) CHECK (committed >= 0),
  spent numeric(14, 2) CHECK (spent >= 0),
  note text NOT NULL DEFAULT '',
  source text NOT NULL DEFAULT '',
  is_demo boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Spending more than was committed needs a word of explanation.
  CHECK (spent IS NULL OR committed IS NULL OR spent <= committed OR btrim(note) <> '')
);
CREATE INDEX budget_lines_plan_idx ON budget_lines (plan_id, year);

CREATE TABLE pilot_projects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{2,60}$'),
  plan_id uuid REFERENCES plans (id) ON DELETE SET NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  partners text[] NOT NULL DEFAULT '{}',
  places text NOT NULL DEFAULT '',
  starts_on date,
  ends_on date,
  funding_status text NOT NULL CHECK (funding_status IN ('unknown', 'funded', 'partly_funded', 'unfunded', 'ended')),
  funding_note text NOT NULL DEFAULT '',
  evaluation_notes text NOT NULL DEFAULT '',
  -- Case files carrying this tag feed the pilot's indicators.
  case_tag text UNIQUE CHECK (case_tag ~ '^[a-z0-9-]{2,40}$'),
  is_demo boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);

CREATE TABLE plan_indicators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  measure_id uuid REFERENCES plan_measures (id) ON DELETE SET NULL,
  pilot_id uuid REFERENCES pilot_projects (id) ON DELETE CASCADE,
  code text NOT NULL CHECK (code ~ '^[a-z0-9-]{2,40}$'),
  title text NOT NULL,
  definition text NOT NULL,
  unit text NOT NULL CHECK (unit IN ('count', 'percent', 'hours', 'euros')),
  source text NOT NULL,
  period_from date,
  period_to date,
  baseline numeric(14, 2),
  target numeric(14, 2),
  -- Entered by a coordinator (source manual) with the number of cases behind it when it counts people.
  manual_value numeric(14, 2),
  manual_count integer CHECK (manual_count >= 0),
  -- Computed by the refresh job: the value and the number of cases (people, alerts, procedures) behind it.
  actual numeric(14, 2),
  actual_count integer,
  refreshed_at timestamptz,
  position integer NOT NULL DEFAULT 0,
  is_demo boolean NOT NULL DEFAULT false,
  UNIQUE (plan_id, code),
  CHECK (period_to IS NULL OR period_from IS NULL OR period_to >= period_from)
);

CREATE TABLE departement_deployment (
  departement_code text PRIMARY KEY REFERENCES departements (code),
  -- The existing commission that carries trafficking there (no new commission: the seed's "millefeuille").
  commission text NOT NULL DEFAULT 'none' CHECK (commission IN ('none', 'codaf', 'sortie_prostitution', 'clav', 'other')),
  commission_note text NOT NULL DEFAULT '',
  -- An organisation (a parquet), never a person.
  parquet_referent boolean NOT NULL DEFAULT false,
  parquet_organisation text NOT NULL DEFAULT '',
  minors_circuit boolean NOT NULL DEFAULT false,
  is_demo boolean NOT NULL DEFAULT false,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The joint review: each association rates each measure (one rating per organisation, the last one kept).
CREATE TABLE measure_ratings (
  measure_id uuid NOT NULL REFERENCES plan_measures (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  rating text NOT NULL CHECK (rating IN ('keep', 'improve', 'drop')),
  comment text NOT NULL DEFAULT '',
  user_id uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (measure_id, organisation_id)
);

-- Contributions on a plan in consultation, per measure or per axis (section); the coordinator answers each.
CREATE TABLE plan_contributions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  measure_id uuid REFERENCES plan_measures (id) ON DELETE CASCADE,
  axis_id uuid REFERENCES plan_axes (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  author_id uuid REFERENCES users (id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at timestamptz NOT NULL DEFAULT now(),
  decision text CHECK (decision IN ('accepted', 'considered', 'not_retained')),
  answer text,
  answered_by uuid REFERENCES users (id),
  answered_at timestamptz,
  CHECK (measure_id IS NOT NULL OR axis_id IS NOT NULL)
);
CREATE INDEX plan_contributions_plan_idx ON plan_contributions (plan_id, created_at);

-- The collective "Ensemble contre la traite des êtres humains": its member organisations and its meetings.
CREATE TABLE collective_members (
  organisation_id uuid PRIMARY KEY REFERENCES organisations (id),
  joined_on date,
  is_demo boolean NOT NULL DEFAULT false
);

CREATE TABLE meetings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('plenary', 'institutions', 'delegation', 'other')),
  title text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- A day whose hours the source does not give: starts_at is midnight in Paris, ends_at the next midnight.
  all_day boolean NOT NULL DEFAULT false,
  place text NOT NULL DEFAULT '',
  -- Nested agenda: [{ "title": "…", "items": [ … ] }]
  agenda jsonb NOT NULL DEFAULT '[]',
  summary text NOT NULL DEFAULT '',
  minutes text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
  next_meeting_id uuid REFERENCES meetings (id) ON DELETE SET NULL,
  -- Bumped on every change so that calendars replace the event they hold (iCal SEQUENCE).
  sequence integer NOT NULL DEFAULT 0,
  invitations_sent_at timestamptz,
  minutes_sent_at timestamptz,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX meetings_starts_idx ON meetings (starts_at);

CREATE TABLE meeting_invitations (
  meeting_id uuid NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (meeting_id, organisation_id)
);

CREATE TABLE meeting_registrations (
  meeting_id uuid NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  registered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (meeting_id, user_id)
);

-- Who attended, by organisation (the minutes list organisations, never people, in Relais).
CREATE TABLE meeting_attendance (
  meeting_id uuid NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (meeting_id, organisation_id)
);

-- Decisions and action items of a meeting; open actions make the collective's "À suivre" list.
CREATE TABLE meeting_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('decision', 'action')),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  owner_organisation_id uuid REFERENCES organisations (id),
  due_on date,
  done_on date,
  position integer NOT NULL DEFAULT 0
);
CREATE INDEX meeting_items_open_idx ON meeting_items (due_on) WHERE kind = 'action' AND done_on IS NULL;
