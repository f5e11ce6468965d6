-- What self-healing did for a step whose element's first locator missed: HEALED, NOT_HEALED or
-- NO_ALTERNATIVE; null when the first locator worked or the step has no element. Steps recorded
-- before this column existed only said HEALED through their outcome.
ALTER TABLE job_steps ADD COLUMN healing VARCHAR(16);
UPDATE job_steps SET healing = 'HEALED' WHERE outcome = 'HEALED';
