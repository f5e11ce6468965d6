package org.rpa.core.job;

/**
 * Runs one execution of a job. Registered per provider and action. It may be called on any of the
 * executor's threads, for many jobs at once: keep it free of shared mutable state, or guard it.
 *
 * <p>Delivery is at-least-once: an execution may be repeated after a crash. Use {@link
 * JobContext#idempotencyKey()} to make side effects safe to repeat.
 *
 * <p>While {@link #handle} runs, the SLF4J {@link org.slf4j.MDC} of its thread holds the job's id
 * under {@value #MDC_JOB_ID} and the attempt under {@value #MDC_ATTEMPT}, so that a logging backend
 * can put them on every line the handler logs (a pattern's {@code %X{job_id}}, or a JSON encoder's
 * MDC fields). Threads the handler starts itself do not inherit them.
 */
@FunctionalInterface
public interface JobHandler {
  /** The MDC key of the running job's id. */
  String MDC_JOB_ID = "job_id";

  /** The MDC key of the running attempt, from 1. */
  String MDC_ATTEMPT = "attempt";

  /**
   * Does the work.
   *
   * @return the outcome; throwing is a technical failure, retried while attempts remain
   * @throws Exception any failure, treated as technical
   */
  JobResult handle(JobContext context) throws Exception;
}
