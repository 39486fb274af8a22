-- Library (issue 7): resources for professionals, their dated versions and attachments.

-- array_to_string() is only STABLE; a generated column needs an IMMUTABLE expression (text[] joins the same way
-- whatever the settings).
CREATE FUNCTION relais_words(text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_to_string($1, ' '), '') $$;

CREATE TABLE library_resources (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('fiche_reflexe', 'guide', 'kit_formation', 'depliant', 'affiche', 'rapport', 'modele')),
  title text NOT NULL,
  summary text NOT NULL DEFAULT '',
  body text NOT NULL DEFAULT '',
  audiences text[] NOT NULL DEFAULT '{}',
  exploitation_forms text[] NOT NULL DEFAULT '{}',
  languages text[] NOT NULL DEFAULT '{fr}',
  tags text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'review', 'published', 'archived')),
  version integer NOT NULL DEFAULT 1,
  source text,
  is_demo boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  -- French full text, accents ignored, words stemmed ("victimes mineures" finds "mineur victime").
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('relais_fr', title), 'A') ||
    setweight(to_tsvector('relais_fr', summary), 'B') ||
    setweight(to_tsvector('relais_fr', relais_words(tags)), 'B') ||
    setweight(to_tsvector('relais_fr', body), 'C')
  ) STORED
);
CREATE INDEX library_resources_search_idx ON library_resources USING gin (search);
CREATE INDEX library_resources_status_idx ON library_resources (status, updated_at DESC);

-- Each publication keeps the text as it was, dated.
CREATE TABLE library_versions (
  resource_id uuid NOT NULL REFERENCES library_resources (id) ON DELETE CASCADE,
  version integer NOT NULL,
  title text NOT NULL,
  summary text NOT NULL,
  body text NOT NULL,
  published_at timestamptz NOT NULL,
  published_by uuid REFERENCES users (id),
  PRIMARY KEY (resource_id, version)
);

CREATE TABLE library_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  resource_id uuid NOT NULL REFERENCES library_resources (id) ON DELETE CASCADE,
  filename text NOT NULL,
  media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  language text NOT NULL DEFAULT 'fr',
  content bytea NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX library_attachments_resource_idx ON library_attachments (resource_id);
