-- The reference leaflet "Vous êtes peut-être victime de traite" (issue 7): French sections, their translations,
-- each with its own review workflow.
CREATE TABLE leaflet_sections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key text NOT NULL UNIQUE,
  position integer NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE leaflet_translations (
  section_id uuid NOT NULL REFERENCES leaflet_sections (id) ON DELETE CASCADE,
  language text NOT NULL,
  title text NOT NULL DEFAULT '',
  body text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'to_translate' CHECK (status IN ('to_translate', 'to_review', 'validated')),
  -- A draft produced with help (machine or assistant), marked until a person validates it.
  assisted boolean NOT NULL DEFAULT false,
  -- The French text this translation was made from (the diff shown when the French changes).
  source_version integer NOT NULL DEFAULT 0,
  source_title text NOT NULL DEFAULT '',
  source_body text NOT NULL DEFAULT '',
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  validated_by uuid REFERENCES users (id),
  validated_at timestamptz,
  PRIMARY KEY (section_id, language)
);
