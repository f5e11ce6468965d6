package org.rpa.core.store;

import java.time.Duration;
import java.time.Instant;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;

/**
 * A validated request with its defaults resolved, ready to insert.
 *
 * @param status QUEUED when due now, SCHEDULED when run_at is in the future
 */
public record NewJob(
    JobRequest request, JobStatus status, Instant runAt, int maxAttempts, Duration timeout) {}
