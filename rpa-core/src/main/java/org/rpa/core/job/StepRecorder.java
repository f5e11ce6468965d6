package org.rpa.core.job;

import java.time.Duration;
import java.util.Map;

/**
 * Records the steps of one execution; they are stored with its result. Thread-safe, though a
 * handler normally records from one thread.
 */
public interface StepRecorder {

  /** Records a step that ended with {@code outcome} after {@code duration}. */
  void record(String name, StepOutcome outcome, Duration duration, Map<String, ?> details);

  /** Records a step with no details. */
  default void record(String name, StepOutcome outcome, Duration duration) {
    record(name, outcome, duration, Map.of());
  }
}
