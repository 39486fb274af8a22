-- What a distance learner declares on submitting a quiz (profession category, département), carried to the
-- certificate when the course is complete, so that distance learning counts in the plan's indicators.
ALTER TABLE quiz_attempts ADD COLUMN category text;
ALTER TABLE quiz_attempts ADD COLUMN departement_code text REFERENCES departements (code);
