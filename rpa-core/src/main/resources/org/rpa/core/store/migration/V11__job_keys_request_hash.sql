-- What a dedupe key was first submitted with (issue 15): the SHA-256 of the request's canonical form
-- (provider, action, parameters, priority, run_at, deadline, max_attempts, timeout, reference,
-- idempotency key, recurrence). A later submit with the key and another request is refused instead
-- of silently answered with the first job. Keys recorded before this column have no hash, and a
-- repeat of them returns the first job as before.

ALTER TABLE job_keys ADD COLUMN request_hash VARCHAR(64);
