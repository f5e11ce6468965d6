-- GET /metrics' history: the metrics collector's five-minute snapshots of the four job counts,
-- kept in the store so that they survive a restart and can be looked back on for months. One row
-- per five-minute period (period_start, UTC, from the epoch): the primary key lets only one of the
-- orchestrators sharing the database write a period, the others' inserts of it fail and are
-- dropped. taken_at is when the counts were read. The daily cleanup deletes the rows older than
-- the metrics retention (90 days by default): about 26,000 small rows.

CREATE TABLE metrics_snapshots (
    period_start    TIMESTAMP WITH TIME ZONE PRIMARY KEY,
    taken_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    queued_jobs     BIGINT        NOT NULL,
    running_jobs    BIGINT        NOT NULL,
    completed_jobs  BIGINT        NOT NULL,
    failed_jobs     BIGINT        NOT NULL
);

CREATE INDEX metrics_snapshots_taken ON metrics_snapshots (taken_at);
