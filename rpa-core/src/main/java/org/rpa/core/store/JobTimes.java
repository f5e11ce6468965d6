package org.rpa.core.store;

import java.time.Instant;

/**
 * The times a {@link Transition} writes on the job row; each null leaves the column as it is.
 *
 * @param runAt the new run_at
 * @param startedAt the new started_at
 * @param finishedAt the new finished_at
 */
public record JobTimes(Instant runAt, Instant startedAt, Instant finishedAt) {
  /** Leaves all three. */
  static final JobTimes NONE = new JobTimes(null, null, null);

  static JobTimes runAt(Instant runAt) {
    return new JobTimes(runAt, null, null);
  }

  static JobTimes startedAt(Instant startedAt) {
    return new JobTimes(null, startedAt, null);
  }

  static JobTimes finishedAt(Instant finishedAt) {
    return new JobTimes(null, null, finishedAt);
  }
}
