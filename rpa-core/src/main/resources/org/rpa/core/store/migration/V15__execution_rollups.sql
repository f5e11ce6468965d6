-- Hourly rollups of the finished executions (issue 17): statistics of long windows add these rows up
-- instead of reading every execution. Hours are numbered from the epoch, in UTC. Per hour: the
-- figures of every execution (execution_hours), of each job type (execution_hour_types), and the
-- durations of each job type by bucket (execution_hour_durations), for the percentiles. The store
-- writes them in the transaction that finishes the executions; migration 15.1 fills them from the
-- executions already stored.
CREATE TABLE execution_hours (
    epoch_hour       BIGINT       NOT NULL PRIMARY KEY,
    executions       BIGINT       NOT NULL,
    success          BIGINT       NOT NULL,
    failed           BIGINT       NOT NULL,
    timed_out        BIGINT       NOT NULL,
    cancelled        BIGINT       NOT NULL,
    retries          BIGINT       NOT NULL,
    timed            BIGINT       NOT NULL,
    duration_sum     BIGINT       NOT NULL,
    duration_min     BIGINT,
    duration_max     BIGINT,
    first_started    TIMESTAMP WITH TIME ZONE,
    last_started     TIMESTAMP WITH TIME ZONE
);

CREATE TABLE execution_hour_types (
    epoch_hour       BIGINT       NOT NULL,
    job_type         VARCHAR(129) NOT NULL,
    executions       BIGINT       NOT NULL,
    success          BIGINT       NOT NULL,
    failed           BIGINT       NOT NULL,
    timed_out        BIGINT       NOT NULL,
    cancelled        BIGINT       NOT NULL,
    retries          BIGINT       NOT NULL,
    timed            BIGINT       NOT NULL,
    duration_sum     BIGINT       NOT NULL,
    duration_min     BIGINT,
    duration_max     BIGINT,
    first_started    TIMESTAMP WITH TIME ZONE,
    last_started     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (epoch_hour, job_type)
);

CREATE TABLE execution_hour_durations (
    epoch_hour       BIGINT       NOT NULL,
    job_type         VARCHAR(129) NOT NULL,
    bucket           INTEGER      NOT NULL,
    executions       BIGINT       NOT NULL,
    PRIMARY KEY (epoch_hour, job_type, bucket)
);
