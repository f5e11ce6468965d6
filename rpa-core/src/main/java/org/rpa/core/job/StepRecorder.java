package org.rpa.core.job;

import java.time.Duration;
import java.util.Map;

/**
 * Records the steps of one execution; they are stored with its result. Thread-safe, though a
 * handler normally records from one thread.
 */
public interface StepRecorder {

  /**
   * Records a step that ended with {@code outcome} after {@code duration}, and what self-healing
   * did when its element's first locator missed (null when it did not miss).
   */
  void record(
      String name, StepOutcome outcome, Healing healing, Duration duration, Map<String, ?> details);

  /** Records a step that needed no healing. */
  default void record(String name, StepOutcome outcome, Duration duration, Map<String, ?> details) {
    record(name, outcome, null, duration, details);
  }

  /** Records a step with no details. */
  default void record(String name, StepOutcome outcome, Duration duration) {
    record(name, outcome, duration, Map.of());
  }
}
