package org.rpa.core.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded step of an execution: the node-by-node breakdown of a job (a browser step with its
 * duration, outcome and screenshot).
 *
 * @param seq the step's position in its execution, from 1
 * @param healing what happened when the first locator of the step's element missed; null when it
 *     did not miss, or the step has no element
 * @param details free-form facts (the locator that worked, a screenshot's name, a message)
 */
public record Step(
    int seq,
    String name,
    StepOutcome outcome,
    Healing healing,
    Duration duration,
    Instant at,
    Map<String, Object> details) {

  public Step {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(at, "at");
    details = Map.copyOf(details);
  }
}
