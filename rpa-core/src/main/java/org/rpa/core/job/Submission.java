package org.rpa.core.job;

/**
 * The answer to a submit: the job's id, and whether this submit created it ({@code false} when an
 * idempotency key or reference matched an earlier job, whose id this is).
 */
public record Submission(JobId id, boolean created) {}
