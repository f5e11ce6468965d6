-- Dedupe keys in a table of their own (issue 4). The unique indexes on jobs (job_type, reference) and
-- (idempotency_key) held an entry for every job on H2, which has no partial indexes, though few jobs
-- have a key: two more B-trees written by every submit and stored by its commit. Here a job has a
-- row per key it was submitted with, 'key:<idempotency key>' or 'ref:<job type>:<reference>' (the
-- job type has no ':'); the primary key makes each unique, as the indexes did. The retention purge
-- deletes a job's keys with it, and a privacy erasure deletes them, since they may name the subject.

CREATE TABLE job_keys (
    dedupe_key       VARCHAR(400) PRIMARY KEY,
    job_id           BIGINT       NOT NULL
);

CREATE INDEX job_keys_job ON job_keys (job_id);

INSERT INTO job_keys (dedupe_key, job_id)
    SELECT 'key:' || idempotency_key, id FROM jobs WHERE idempotency_key IS NOT NULL;
INSERT INTO job_keys (dedupe_key, job_id)
    SELECT 'ref:' || job_type || ':' || reference, id FROM jobs WHERE reference IS NOT NULL;

DROP INDEX jobs_reference;
DROP INDEX jobs_idempotency_key;
