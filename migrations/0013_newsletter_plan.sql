-- The newsletter's "plan progress" block (issue 7, on issue 8's plans): an edition may carry the progress of one
-- public plan, rendered in each language from the plan's figures at the time of sending.
ALTER TABLE newsletter_editions ADD COLUMN plan_id uuid REFERENCES plans (id) ON DELETE SET NULL;
