-- Foundation: extensions, French search configuration, reference geography, organisations, accounts,
-- sessions, tokens and the append-only audit trail.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;

-- French full text that ignores accents: "exploitee" finds "exploitée".
CREATE TEXT SEARCH CONFIGURATION relais_fr (COPY = french);
ALTER TEXT SEARCH CONFIGURATION relais_fr
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

-- unaccent() is only STABLE; indexes need an IMMUTABLE wrapper bound to one dictionary. Names are
-- schema-qualified because index builds run with search_path = pg_catalog (PostgreSQL 17+, so PGlite).
CREATE FUNCTION relais_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

CREATE TABLE reference_datasets (
  name text PRIMARY KEY,
  version text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE regions (
  code text PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE departements (
  code text PRIMARY KEY,
  name text NOT NULL,
  region_code text NOT NULL,
  zone text NOT NULL,
  latitude double precision,
  longitude double precision
);

CREATE TABLE communes (
  code text PRIMARY KEY,
  name text NOT NULL,
  departement_code text NOT NULL REFERENCES departements (code),
  kind text NOT NULL CHECK (kind IN ('commune', 'arrondissement')),
  parent_code text,
  population integer,
  postal_codes text[] NOT NULL DEFAULT '{}',
  latitude double precision,
  longitude double precision,
  -- 'geonames' when the commune has its own point, 'departement' when it falls back to the département's centre.
  coordinates_source text CHECK (coordinates_source IN ('geonames', 'departement'))
);
CREATE INDEX communes_departement_idx ON communes (departement_code);
CREATE INDEX communes_name_trgm_idx ON communes USING gin (relais_unaccent(lower(name)) gin_trgm_ops);

CREATE TABLE airports (
  iata text PRIMARY KEY CHECK (iata ~ '^[A-Z]{3}$'),
  name text NOT NULL,
  commune_code text NOT NULL REFERENCES communes (code),
  departement_code text NOT NULL REFERENCES departements (code),
  latitude double precision NOT NULL,
  longitude double precision NOT NULL
);

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  short_name text,
  type text NOT NULL CHECK (type IN (
    'association', 'parquet', 'police', 'gendarmerie', 'paf', 'inspection_travail', 'ase', 'pjj', 'ofii',
    'ofpra', 'structure_accueil', 'transport_aerien', 'consulat', 'ministere', 'coordination',
    'collectivite', 'autre')),
  departement_code text REFERENCES departements (code),
  siret text CHECK (siret ~ '^[0-9]{14}$'),
  rna text CHECK (rna ~ '^W[0-9A-Z]{9}$'),
  description text,
  is_demo boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organisations_name_key ON organisations (lower(name));
CREATE INDEX organisations_departement_idx ON organisations (departement_code);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (email = lower(email) AND position('@' IN email) > 1),
  display_name text NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  status text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'active', 'deactivated')),
  password_hash text,
  -- Encrypted with the field cipher (platform/crypto), never stored in clear.
  totp_secret text,
  totp_enabled_at timestamptz,
  failed_login_count integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  proconnect_sub text UNIQUE,
  locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz,
  deactivated_at timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_organisation_idx ON users (organisation_id);

CREATE TABLE grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN (
    'national_admin', 'coordinator', 'duty_desk', 'host_staff', 'case_worker', 'frontline',
    'content_editor', 'trainer', 'collective_member')),
  scope_kind text NOT NULL CHECK (scope_kind IN ('national', 'departements', 'organisation', 'airport')),
  departement_codes text[] NOT NULL DEFAULT '{}',
  airport_iata text REFERENCES airports (iata),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope_kind = 'departements') = (cardinality(departement_codes) > 0)),
  CHECK ((scope_kind = 'airport') = (airport_iata IS NOT NULL))
);
CREATE INDEX grants_user_idx ON grants (user_id);

CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  auth_method text NOT NULL CHECK (auth_method IN ('password', 'proconnect')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  mfa_verified_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- One-time links sent by e-mail: invitations and password resets.
CREATE TABLE user_tokens (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX user_tokens_user_idx ON user_tokens (user_id);

CREATE TABLE recovery_codes (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  scopes text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- Append-only, hash-chained: hash = sha256(prev_hash || canonical row). Verified by `relais audit:verify`.
CREATE TABLE audit_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_organisation_id uuid,
  action text NOT NULL,
  target_type text,
  target_id text,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_events_target_idx ON audit_events (target_type, target_id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_user_id);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events est en ajout seul : % refusé', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
