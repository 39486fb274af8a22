-- The newsletter's "upcoming trainings" block (issue 7, on issue 9's sessions): an edition may list the training
-- sessions to come, read when the letter is rendered (at sending; on the archive page, as of the sending date).
ALTER TABLE newsletter_editions ADD COLUMN trainings boolean NOT NULL DEFAULT false;
