-- Circuit court: host offers (live capacity), placements (hold → accept → start → end), OPP clocks for minors.

CREATE TABLE host_offers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 160),
  public text NOT NULL CHECK (public IN ('mineures', 'mineurs', 'femmes', 'hommes', 'familles')),
  capacity integer NOT NULL CHECK (capacity BETWEEN 0 AND 500),
  languages text[] NOT NULL DEFAULT '{}',
  specialisation text NOT NULL CHECK (specialisation IN ('teh', 'non_specialised', 'foster_families')),
  foster_family_count integer CHECK (foster_family_count BETWEEN 1 AND 500),
  min_age integer CHECK (min_age BETWEEN 0 AND 120),
  max_age integer CHECK (max_age BETWEEN 0 AND 120),
  accompanied_children boolean NOT NULL DEFAULT false,
  -- A hidden shelter: its address is shown only to coordinators and to the structure itself.
  secret_address boolean NOT NULL DEFAULT false,
  -- Street address, encrypted with the field cipher (context host_offers.address:<id>).
  address text,
  commune_code text NOT NULL REFERENCES communes (code),
  departement_code text NOT NULL REFERENCES departements (code),
  latitude double precision NOT NULL,
  longitude double precision NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paused')),
  capacity_confirmed_at timestamptz NOT NULL,
  notes text,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age),
  CHECK ((specialisation = 'foster_families') = (foster_family_count IS NOT NULL))
);
CREATE INDEX host_offers_organisation_idx ON host_offers (organisation_id);
CREATE INDEX host_offers_public_idx ON host_offers (public, status);
CREATE INDEX host_offers_departement_idx ON host_offers (departement_code);

CREATE SEQUENCE placement_reference_seq;

CREATE TABLE placements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  offer_id uuid NOT NULL REFERENCES host_offers (id),
  alert_id uuid REFERENCES alerts (id),
  status text NOT NULL CHECK (status IN ('held', 'refused', 'expired', 'cancelled', 'accepted', 'started', 'ended')),
  -- Who the place is for, without identity: public, age, gender, languages, needs.
  profile jsonb NOT NULL DEFAULT '{}',
  exploitation_departement text REFERENCES departements (code),
  distance_km integer,
  urgency text NOT NULL DEFAULT 'within_48h' CHECK (urgency IN ('immediate', 'within_48h', 'planned')),
  requested_by uuid NOT NULL REFERENCES users (id),
  requested_by_organisation uuid NOT NULL REFERENCES organisations (id),
  hold_expires_at timestamptz NOT NULL,
  decided_by uuid REFERENCES users (id),
  accepted_at timestamptz,
  refused_at timestamptz,
  refusal_reason text CHECK (refusal_reason IN ('no_place', 'profile', 'security', 'language', 'distance', 'other')),
  started_at timestamptz,
  ended_at timestamptz,
  end_reason text CHECK (end_reason IN ('orientation', 'autonomy', 'runaway', 'transfer', 'other')),
  -- Free text: encrypted (context placements.note:<id>).
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Places in use are derived from these rows: held (not expired), accepted, started.
CREATE INDEX placements_offer_active_idx ON placements (offer_id) WHERE status IN ('held', 'accepted', 'started');
CREATE INDEX placements_requester_idx ON placements (requested_by, created_at DESC);
CREATE INDEX placements_held_idx ON placements (hold_expires_at) WHERE status = 'held';

-- The 48-hour clock of a minor's provisional placement order (OPP), from the referral by the parquet des mineurs.
CREATE SEQUENCE opp_reference_seq;

CREATE TABLE opp_procedures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  alert_id uuid REFERENCES alerts (id),
  placement_id uuid REFERENCES placements (id),
  -- The desk warned as the deadline nears (the parquet des mineurs desk that recorded the referral).
  desk_id uuid NOT NULL REFERENCES desks (id),
  referred_at timestamptz NOT NULL,
  deadline_at timestamptz NOT NULL,
  ordered_at timestamptz,
  court text,
  offer_id uuid REFERENCES host_offers (id),
  warned_24h_at timestamptz,
  warned_4h_at timestamptz,
  breached_at timestamptz,
  -- A clock stopped without an order (the person turned out to be an adult, ran away, another measure…).
  withdrawn_at timestamptz,
  withdrawn_reason text CHECK (withdrawn_reason IN ('adult', 'runaway', 'other_measure', 'error')),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (deadline_at > referred_at)
);
CREATE INDEX opp_procedures_open_idx ON opp_procedures (deadline_at) WHERE ordered_at IS NULL AND withdrawn_at IS NULL;
CREATE INDEX opp_procedures_alert_idx ON opp_procedures (alert_id);
