-- Research export (issue 10): a national administrator grants a named account a time-limited authorisation to
-- export de-identified case data mapped to the IOM HTCDS fields, for a stated purpose. Revoked rows are kept;
-- grants, revocations and exports are also written to the audit trail.
CREATE TABLE research_authorisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 20 AND 1000),
  granted_by uuid NOT NULL REFERENCES users (id),
  granted_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users (id),
  CHECK (expires_at > granted_at),
  -- Nobody authorises themselves: a second national administrator decides.
  CHECK (user_id <> granted_by),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE INDEX research_authorisations_user_idx ON research_authorisations (user_id, expires_at);
