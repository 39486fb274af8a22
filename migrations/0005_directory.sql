-- Public cartography: a directory of actors and services aligned with HSDS 3.0 (organization, service, location,
-- service_at_location) and data·inclusion. Entries are `public` or `professionnels`; secret shelters never enter.

CREATE TABLE directory_organizations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The platform organisation it describes, when there is one.
  organisation_id uuid REFERENCES organisations (id),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  description text NOT NULL DEFAULT '',
  siret text CHECK (siret ~ '^\d{14}$'),
  rna text CHECK (rna ~ '^W\d{9}$'),
  website text,
  email text,
  visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'professionnels')),
  source text NOT NULL DEFAULT 'relais',
  source_id text,
  last_verified_at timestamptz,
  is_synthetic boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, source_id)
);

CREATE TABLE directory_locations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES directory_organizations (id) ON DELETE CASCADE,
  name text,
  address text,
  postal_code text,
  commune_code text REFERENCES communes (code),
  departement_code text REFERENCES departements (code),
  latitude double precision,
  longitude double precision,
  geocoding text NOT NULL DEFAULT 'none' CHECK (geocoding IN ('address', 'commune', 'departement', 'failed', 'none')),
  visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'professionnels')),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX directory_locations_departement_idx ON directory_locations (departement_code);
CREATE INDEX directory_locations_point_idx ON directory_locations USING gist (point(longitude, latitude));

CREATE TABLE directory_services (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES directory_organizations (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  description text NOT NULL DEFAULT '',
  service_type text NOT NULL,
  publics text[] NOT NULL DEFAULT '{}',
  exploitation_forms text[] NOT NULL DEFAULT '{}',
  languages text[] NOT NULL DEFAULT '{}',
  -- OpenStreetMap opening_hours syntax
  opening_hours text,
  accessibility text,
  url text,
  email text,
  phone text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
  visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'professionnels')),
  source text NOT NULL DEFAULT 'relais',
  source_id text,
  last_verified_at timestamptz,
  is_synthetic boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, source_id)
);
CREATE INDEX directory_services_type_idx ON directory_services (service_type, visibility);
CREATE INDEX directory_services_updated_idx ON directory_services (updated_at);

CREATE TABLE directory_service_at_locations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
  location_id uuid NOT NULL REFERENCES directory_locations (id) ON DELETE CASCADE,
  UNIQUE (service_id, location_id)
);
CREATE INDEX directory_sal_location_idx ON directory_service_at_locations (location_id);

-- The public reports an error on a place; editors handle it.
CREATE TABLE directory_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_at_location_id uuid NOT NULL REFERENCES directory_service_at_locations (id) ON DELETE CASCADE,
  message text NOT NULL CHECK (length(message) BETWEEN 5 AND 1000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  handled_by uuid REFERENCES users (id),
  handled_at timestamptz
);
CREATE INDEX directory_reports_open_idx ON directory_reports (created_at) WHERE status = 'open';

-- An organisation proposes changes to its own entries; editors accept or reject them (the diff is shown).
CREATE TABLE directory_proposals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
  proposed_by uuid REFERENCES users (id),
  changes jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz
);
CREATE INDEX directory_proposals_pending_idx ON directory_proposals (created_at) WHERE status = 'pending';

-- Long imports run as a job; their page shows the progress, then the report.
CREATE TABLE directory_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_by uuid NOT NULL REFERENCES users (id),
  source text NOT NULL,
  format text NOT NULL CHECK (format IN ('csv', 'data-inclusion')),
  valid_lines_only boolean NOT NULL DEFAULT false,
  -- The file while it waits; emptied once imported.
  content text,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  done integer NOT NULL DEFAULT 0,
  total integer NOT NULL DEFAULT 0,
  report jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
