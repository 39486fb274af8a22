-- Newsletter editions feature published resources of the library (a block of the letter, in every language).
ALTER TABLE newsletter_editions ADD COLUMN featured uuid[] NOT NULL DEFAULT '{}';
