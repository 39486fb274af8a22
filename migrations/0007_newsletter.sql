-- Newsletter (issue 7): subscribers with double opt-in, editions in several languages, deliveries sent by jobs.

CREATE TABLE newsletter_subscribers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  profession text NOT NULL,
  departement_code text NOT NULL,
  language text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'unsubscribed', 'bounced')),
  -- SHA-256 of the confirmation token sent by mail (the token itself is never stored).
  confirm_token_hash text,
  confirm_expires_at timestamptz,
  confirmation_sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz,
  unsubscribed_at timestamptz,
  is_synthetic boolean NOT NULL DEFAULT false
);
CREATE INDEX newsletter_subscribers_audience_idx ON newsletter_subscribers (profession, departement_code, language)
  WHERE status = 'confirmed';
CREATE UNIQUE INDEX newsletter_subscribers_token_idx ON newsletter_subscribers (confirm_token_hash);

-- Addresses refused for good by their mail server (SMTP 5xx or a hard-bounce notice): never written to again.
CREATE TABLE newsletter_suppressions (
  email text PRIMARY KEY CHECK (email = lower(email)),
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE newsletter_editions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL,
  -- The half-year it is the letter of: 2026-S2.
  period text NOT NULL CHECK (period ~ '^\d{4}-S[12]$'),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sending', 'paused', 'sent')),
  -- Audience: {"professions": [...], "departements": [...], "languages": [...]} (empty = all).
  segment jsonb NOT NULL DEFAULT '{}',
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  send_started_at timestamptz,
  sent_at timestamptz,
  total integer NOT NULL DEFAULT 0
);

CREATE TABLE newsletter_edition_variants (
  edition_id uuid NOT NULL REFERENCES newsletter_editions (id) ON DELETE CASCADE,
  language text NOT NULL,
  subject text NOT NULL,
  -- [{"kind": "text", "markdown": "…"}, {"kind": "resources", "ids": [...]}, …]
  blocks jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (edition_id, language)
);

-- One row per edition and subscriber: the primary key is what makes a resumed send never write twice.
CREATE TABLE newsletter_deliveries (
  edition_id uuid NOT NULL REFERENCES newsletter_editions (id) ON DELETE CASCADE,
  subscriber_id uuid NOT NULL REFERENCES newsletter_subscribers (id) ON DELETE CASCADE,
  language text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'bounced')),
  attempts integer NOT NULL DEFAULT 0,
  not_before timestamptz,
  claimed_at timestamptz,
  sent_at timestamptz,
  error text,
  PRIMARY KEY (edition_id, subscriber_id)
);
CREATE INDEX newsletter_deliveries_queue_idx ON newsletter_deliveries (edition_id, subscriber_id) WHERE status = 'queued';
CREATE INDEX newsletter_deliveries_status_idx ON newsletter_deliveries (edition_id, status);

-- Reminders already sent that an edition of the half-year is due.
CREATE TABLE newsletter_reminders (
  period text PRIMARY KEY,
  sent_at timestamptz NOT NULL DEFAULT now()
);
