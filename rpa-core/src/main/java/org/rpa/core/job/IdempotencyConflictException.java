package org.rpa.core.job;

import java.util.Objects;
import org.rpa.core.RpaException;

/**
 * A submit repeated an idempotency key, or a reference of its job type, that an earlier job was
 * submitted with, but asked for something else: another provider, action, parameters, priority,
 * timing, retry limit or recurrence. Repeating the first request exactly returns the first job;
 * this one is refused rather than silently dropped. Nothing was stored; in a batch, no job of the
 * batch was.
 */
public final class IdempotencyConflictException extends RpaException {
  private final String field;
  private final String value;
  private final JobId existingJob;

  /**
   * @param field {@code idempotency_key} or {@code reference}
   * @param value the key or reference repeated
   * @param existingJob the job first submitted with it; null when that is an earlier job of the
   *     same batch
   */
  public IdempotencyConflictException(String field, String value, JobId existingJob) {
    super(
        field
            + " '"
            + value
            + "' was already used with a different request; repeat that request exactly, or use"
            + " a new "
            + field);
    this.field = Objects.requireNonNull(field, "field");
    this.value = Objects.requireNonNull(value, "value");
    this.existingJob = existingJob;
  }

  /** {@code idempotency_key} or {@code reference}. */
  public String field() {
    return field;
  }

  /** The repeated key or reference. */
  public String value() {
    return value;
  }

  /** The job first submitted with it, or null when it is an earlier job of the same batch. */
  public JobId existingJob() {
    return existingJob;
  }
}
