-- Legal texts (issue 7): references to the law with our plain-language summary. The official text is stored only
-- when we hold it verbatim; otherwise the reference and the Légifrance link are the source.
CREATE TABLE legal_texts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL,
  article text NOT NULL,
  title text NOT NULL,
  topic text NOT NULL CHECK (topic IN ('infraction', 'peines', 'protection', 'sejour', 'procedure', 'mineurs')),
  -- The date of the version described (in force on), when checked against Légifrance.
  version_date date,
  legifrance_url text NOT NULL CHECK (legifrance_url LIKE 'https://www.legifrance.gouv.fr/%'),
  official_text text,
  summary text NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  is_demo boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (code, article)
);
