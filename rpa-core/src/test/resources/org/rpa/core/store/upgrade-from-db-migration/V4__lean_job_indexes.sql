-- Fewer index writes per status change (issue 4). Every claim, start and finish rewrites the entries
-- of each index that holds a changed column; on PostgreSQL an update that changes an indexed column
-- adds an entry to every index of the table. So:
-- - jobs_lease_owner goes: no query reads it (the sweeps find leased jobs by status, lostAmong by id).
-- - On PostgreSQL the claim index holds only live jobs (QUEUED for the claim, CLAIMED and RUNNING for
--   the orphan sweep), the due index only SCHEDULED ones, and the two unique keys only the jobs that
--   have one: a finish then adds entries to two indexes, not seven. H2 has no partial indexes:
--   there the placeholders are empty and the indexes are as before. Migrations sets them.

DROP INDEX jobs_lease_owner;

DROP INDEX jobs_claim;
CREATE INDEX jobs_claim ON jobs (status, priority DESC, run_at, id) ${live_only};

DROP INDEX jobs_due;
CREATE INDEX jobs_due ON jobs (status, run_at) ${scheduled_only};

DROP INDEX jobs_reference;
CREATE UNIQUE INDEX jobs_reference ON jobs (job_type, reference) ${with_reference};

DROP INDEX jobs_idempotency_key;
CREATE UNIQUE INDEX jobs_idempotency_key ON jobs (idempotency_key) ${with_idempotency_key};

-- No query reads executions by start time; the durations of the metrics read them by finish time,
-- which a merged start and finish writes once, at insert.
DROP INDEX job_executions_started;
CREATE INDEX job_executions_finished ON job_executions (finished_at);
