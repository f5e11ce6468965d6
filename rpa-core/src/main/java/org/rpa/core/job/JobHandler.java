package org.rpa.core.job;

/**
 * Runs one execution of a job. Registered per provider and action. It may be called on any of the
 * executor's threads, for many jobs at once: keep it free of shared mutable state, or guard it.
 *
 * <p>Delivery is at-least-once: an execution may be repeated after a crash. Use {@link
 * JobContext#idempotencyKey()} to make side effects safe to repeat.
 */
@FunctionalInterface
public interface JobHandler {

  /**
   * Does the work.
   *
   * @return the outcome; throwing is a technical failure, retried while attempts remain
   * @throws Exception any failure, treated as technical
   */
  JobResult handle(JobContext context) throws Exception;
}
