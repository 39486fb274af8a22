-- Circuit rapide: duty desks, routing rules, alerts and their timeline, idempotency keys.

-- A desk is an on-call point of an organisation (e.g. "permanence PAF CDG"); members receive its alerts.
CREATE TABLE desks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 160),
  -- Territory the desk answers for (routing by competence): départements and airports.
  departements text[] NOT NULL DEFAULT '{}',
  airports text[] NOT NULL DEFAULT '{}',
  -- The national coordination desk: sees every alert, receives what nothing else matches.
  is_coordination boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX desks_name_key ON desks (organisation_id, lower(name));
CREATE UNIQUE INDEX desks_one_coordination ON desks ((true)) WHERE is_coordination;

CREATE TABLE desk_members (
  desk_id uuid NOT NULL REFERENCES desks (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (desk_id, user_id)
);
CREATE INDEX desk_members_user_idx ON desk_members (user_id);

-- On-call roster: weekly windows in Europe/Paris time; a window may run past midnight (end <= start).
CREATE TABLE desk_shifts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  desk_id uuid NOT NULL REFERENCES desks (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  weekdays smallint[] NOT NULL CHECK (cardinality(weekdays) > 0 AND weekdays <@ ARRAY[1,2,3,4,5,6,7]::smallint[]),
  start_minute integer NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute integer NOT NULL CHECK (end_minute BETWEEN 0 AND 1440),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX desk_shifts_desk_idx ON desk_shifts (desk_id);

CREATE TABLE routing_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 160),
  active boolean NOT NULL DEFAULT true,
  -- Scope: empty lists mean everywhere; otherwise the alert's département or airport must be listed.
  departements text[] NOT NULL DEFAULT '{}',
  airports text[] NOT NULL DEFAULT '{}',
  -- Conditions: empty lists mean any.
  minors_only boolean NOT NULL DEFAULT false,
  exploitation_forms text[] NOT NULL DEFAULT '{}',
  contexts text[] NOT NULL DEFAULT '{}',
  -- Targets: named desks, and/or the desks of an organisation type that cover the alert's département.
  desk_ids uuid[] NOT NULL DEFAULT '{}',
  competence text,
  ack_minutes integer NOT NULL DEFAULT 30 CHECK (ack_minutes BETWEEN 1 AND 10080),
  escalation_desk_ids uuid[] NOT NULL DEFAULT '{}',
  is_demo boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (cardinality(desk_ids) > 0 OR competence IS NOT NULL)
);

CREATE SEQUENCE alert_reference_seq;

CREATE TABLE alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  reporter_user_id uuid NOT NULL REFERENCES users (id),
  reporter_organisation_id uuid NOT NULL REFERENCES organisations (id),
  context text NOT NULL,
  place_kind text NOT NULL CHECK (place_kind IN ('commune', 'departement', 'airport')),
  commune_code text REFERENCES communes (code),
  departement_code text NOT NULL REFERENCES departements (code),
  airport_iata text REFERENCES airports (iata),
  person_count integer NOT NULL CHECK (person_count BETWEEN 1 AND 500),
  has_minor boolean NOT NULL,
  exploitation_forms text[] NOT NULL DEFAULT '{}',
  indicators text[] NOT NULL DEFAULT '{}',
  immediate_danger boolean NOT NULL DEFAULT false,
  consent text NOT NULL CHECK (consent IN ('adult_agrees', 'adult_refuses', 'minor')),
  -- Free text may name people: encrypted with the field cipher.
  description text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'in_progress', 'closed')),
  lead_desk_id uuid REFERENCES desks (id),
  outcome text CHECK (outcome IN ('placement_requested', 'case_opened', 'transmitted', 'not_trafficking', 'no_further_action')),
  escalation_level integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  closed_at timestamptz,
  CHECK ((status = 'closed') = (outcome IS NOT NULL))
);
CREATE INDEX alerts_departement_idx ON alerts (departement_code, created_at DESC);
CREATE INDEX alerts_reporter_idx ON alerts (reporter_user_id, created_at DESC);
CREATE INDEX alerts_open_idx ON alerts (created_at) WHERE status <> 'closed';

CREATE TABLE alert_persons (
  alert_id uuid NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  position integer NOT NULL,
  minor text NOT NULL CHECK (minor IN ('yes', 'no', 'unknown')),
  estimated_age integer CHECK (estimated_age BETWEEN 0 AND 120),
  gender text NOT NULL CHECK (gender IN ('female', 'male', 'other', 'unknown')),
  nationality text CHECK (nationality ~ '^[A-Z]{2}$'),
  languages text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (alert_id, position)
);

-- Who was alerted, at which escalation level, with which deadline, and who acknowledged.
CREATE TABLE alert_recipients (
  alert_id uuid NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  desk_id uuid NOT NULL REFERENCES desks (id),
  role text NOT NULL CHECK (role IN ('responder', 'observer')),
  level integer NOT NULL DEFAULT 0,
  rule_id uuid REFERENCES routing_rules (id),
  routed_at timestamptz NOT NULL,
  deadline_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users (id),
  PRIMARY KEY (alert_id, desk_id)
);
CREATE INDEX alert_recipients_desk_idx ON alert_recipients (desk_id, routed_at DESC);
CREATE INDEX alert_recipients_due_idx ON alert_recipients (deadline_at) WHERE acknowledged_at IS NULL AND role = 'responder';

CREATE TABLE alert_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id uuid NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  occurred_at timestamptz NOT NULL,
  kind text NOT NULL,
  actor_user_id uuid REFERENCES users (id),
  desk_id uuid REFERENCES desks (id),
  target_desk_id uuid REFERENCES desks (id),
  -- Codes and identifiers only; a free-text note is encrypted.
  details jsonb NOT NULL DEFAULT '{}',
  note text
);
CREATE INDEX alert_events_alert_idx ON alert_events (alert_id, id);

-- A client's retry with the same key returns the first result instead of doing it twice.
CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  request_hash text NOT NULL,
  resource_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
