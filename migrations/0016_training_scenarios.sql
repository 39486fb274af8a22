-- A case exercise follows the case until the trial, which comes months after the identification: a choice may
-- take up to three years of story time (0014 stopped at 100,000 minutes, about 69 days).
ALTER TABLE scenario_choices DROP CONSTRAINT scenario_choices_minutes_check;
ALTER TABLE scenario_choices ADD CONSTRAINT scenario_choices_minutes_check CHECK (minutes BETWEEN 0 AND 1576800);
