-- The execution list across jobs (issue 17) walks the primary key down, newest first, and checks
-- its filter on each row; it stops at the page's end, so a filter that most executions pass costs
-- little. A status filter for the rare outcomes does not: on a store of mostly successes, a page of
-- timeouts would read a long way down the table. This index gives the list by status, newest first.
-- On PostgreSQL it holds only the unsuccessful executions (a finish then adds no entry for a
-- success, and SUCCESS or RUNNING filters keep walking the key, where those rows are dense); H2 has
-- no partial indexes, so there it holds every execution. Migrations sets the placeholder.
-- One job's executions need no new index: job_executions_attempt (job_id, occurrence, attempt) reads
-- them newest first. Windows of the statistics read job_executions_finished (migration 4).

CREATE INDEX job_executions_status ON job_executions (status, id) ${unsuccessful_only};
