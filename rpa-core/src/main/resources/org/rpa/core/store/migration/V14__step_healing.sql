-- What self-healing did for a step whose element's first locator missed: HEALED, NOT_HEALED or
-- NO_ALTERNATIVE; null when the first locator worked or the step has no element. Steps recorded
-- before this column existed only said HEALED through their outcome.
ALTER TABLE job_steps ADD COLUMN healing VARCHAR(16);
UPDATE job_steps SET healing = 'HEALED' WHERE outcome = 'HEALED';
-- The self-healing statistics of a window count these steps by their time; on PostgreSQL the index
-- holds only the steps that needed healing (Migrations sets the placeholder), on H2 every step.
CREATE INDEX job_steps_healing ON job_steps (healing, at) ${healing_only};
