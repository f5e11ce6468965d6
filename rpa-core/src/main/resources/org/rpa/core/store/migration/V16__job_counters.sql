-- Counting jobs without reading the finished ones (issue 17). The live statuses are ranges of the
-- claim and due indexes; what grows without end is kept counted here, in the transactions that
-- change it: the jobs in each final status (the writes that end jobs add, the retention purge
-- subtracts; a final status never changes) and the RECURRING jobs (their submits add, the purge
-- subtracts; a kind never changes). A COUNT(*) of every job would not do: H2 answers it from its
-- row count only while no other transaction writes, and scans the table otherwise; an index on
-- the kind would add an entry to every submit on H2, which has no partial indexes.
CREATE TABLE job_counters (
    counted          VARCHAR(16)  PRIMARY KEY,
    jobs             BIGINT       NOT NULL
);

INSERT INTO job_counters (counted, jobs) VALUES ('CANCELLED', 0), ('COMPLETED', 0), ('FAILED', 0),
    ('RECURRING', 0);
UPDATE job_counters SET jobs = (SELECT COUNT(*) FROM jobs WHERE jobs.status = job_counters.counted)
    WHERE counted <> 'RECURRING';
UPDATE job_counters SET jobs = (SELECT COUNT(*) FROM jobs WHERE kind = 'RECURRING')
    WHERE counted = 'RECURRING';

-- The executions of a window and the unsuccessful ones among them, counted on the index alone.
DROP INDEX job_executions_finished;
CREATE INDEX job_executions_finished ON job_executions (finished_at, status);
