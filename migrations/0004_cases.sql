-- Follow-up until trial: the protected case file. Identity fields hold field-cipher values only (per field, bound
-- to table, column and row); everything else is pseudonymous. Every read is logged in case_access_log.

CREATE SEQUENCE case_reference_seq;

CREATE TABLE cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'anonymised')),
  lead_organisation_id uuid NOT NULL REFERENCES organisations (id),
  opened_by uuid REFERENCES users (id),
  opened_at timestamptz NOT NULL,
  -- Profile (pseudonymous)
  minor boolean NOT NULL,
  age integer CHECK (age BETWEEN 0 AND 120),
  gender text NOT NULL DEFAULT 'unknown' CHECK (gender IN ('female', 'male', 'other', 'unknown')),
  nationality text CHECK (nationality ~ '^[A-Z]{2}$'),
  languages text[] NOT NULL DEFAULT '{}',
  -- [{ form, from, to, departement, country }]: forms of exploitation with their periods and places
  exploitation jsonb NOT NULL DEFAULT '[]',
  pilot_tags text[] NOT NULL DEFAULT '{}',
  -- Identity: field-cipher values (context cases.<column>:<id>), destroyed by anonymisation
  identity_names text,
  identity_aliases text,
  identity_birth_date text,
  identity_contact text,
  identity_documents text,
  closed_at timestamptz,
  outcome text CHECK (outcome IN ('autonomy', 'lasting_housing', 'employment', 'voluntary_return', 'contact_lost', 'transferred')),
  anonymised_at timestamptz,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'open') = (closed_at IS NULL)),
  CHECK (status = 'open' OR outcome IS NOT NULL)
);
CREATE INDEX cases_lead_idx ON cases (lead_organisation_id, status);
CREATE INDEX cases_closed_idx ON cases (closed_at) WHERE status = 'closed';
CREATE INDEX cases_tags_idx ON cases USING gin (pilot_tags);

-- Organisations on a file: the lead, and partners (after an accepted referral) with the parts they may see.
CREATE TABLE case_organisations (
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  role text NOT NULL CHECK (role IN ('lead', 'partner')),
  parts text[] NOT NULL DEFAULT '{}',
  since timestamptz NOT NULL,
  PRIMARY KEY (case_id, organisation_id)
);
CREATE INDEX case_organisations_org_idx ON case_organisations (organisation_id);

-- What the person agreed may be shared with whom (an organisation), when; withdrawn keeps the row.
CREATE TABLE case_consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  scopes text[] NOT NULL,
  given_at timestamptz NOT NULL,
  withdrawn_at timestamptz,
  recorded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_consents_case_idx ON case_consents (case_id);

-- Links to the alerts and placements of the file (references only).
CREATE TABLE case_links (
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('alert', 'placement')),
  target_id uuid NOT NULL,
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (case_id, kind, target_id)
);
CREATE INDEX case_links_target_idx ON case_links (kind, target_id);

-- The journal: support, proceedings, residence rights, minors' measures, runaways and returns, closure.
CREATE TABLE case_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  category text NOT NULL CHECK (category IN ('support', 'proceedings', 'residence', 'minor', 'runaway', 'closure')),
  kind text NOT NULL,
  occurred_on date NOT NULL,
  ends_on date,
  -- Non-identifying details (service, court, support type, accompanied to the trial…)
  details jsonb NOT NULL DEFAULT '{}',
  -- Free text, field-cipher value (context case_events.note:<id>), destroyed by anonymisation
  note text,
  organisation_id uuid REFERENCES organisations (id),
  recorded_by uuid REFERENCES users (id),
  alert_id uuid,
  reminded_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= occurred_on)
);
CREATE INDEX case_events_case_idx ON case_events (case_id, occurred_on);
CREATE INDEX case_events_remind_idx ON case_events (occurred_on) WHERE reminded_at IS NULL;
-- The pilot indicators count runaways, returns, trials and closures of a period.
CREATE INDEX case_events_kind_idx ON case_events (kind, occurred_on);

-- Referral (a partner joins) or transfer (the lead changes) to another organisation.
CREATE TABLE case_referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('referral', 'transfer')),
  from_organisation_id uuid NOT NULL REFERENCES organisations (id),
  to_organisation_id uuid NOT NULL REFERENCES organisations (id),
  parts text[] NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'refused', 'revoked')),
  reason text,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  CHECK (from_organisation_id <> to_organisation_id)
);
CREATE INDEX case_referrals_to_idx ON case_referrals (to_organisation_id, status);
CREATE INDEX case_referrals_case_idx ON case_referrals (case_id);

-- Break-glass: a coordinator's time-limited access, with the written reason.
CREATE TABLE case_break_glass (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id),
  reason text NOT NULL CHECK (length(reason) BETWEEN 10 AND 1000),
  granted_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX case_break_glass_idx ON case_break_glass (case_id, user_id, expires_at);

-- Every read (and export) of a file, shown on its page. Append-only.
CREATE TABLE case_access_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id),
  organisation_id uuid REFERENCES organisations (id),
  at timestamptz NOT NULL,
  action text NOT NULL CHECK (action IN ('read', 'read_identity', 'break_glass', 'export', 'api_read')),
  via text NOT NULL DEFAULT 'page' CHECK (via IN ('page', 'api', 'admin'))
);
CREATE INDEX case_access_log_case_idx ON case_access_log (case_id, at DESC);

CREATE FUNCTION case_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_access_log is append-only';
END $$;
CREATE TRIGGER case_access_log_no_update BEFORE UPDATE ON case_access_log
  FOR EACH ROW EXECUTE FUNCTION case_access_log_append_only();
