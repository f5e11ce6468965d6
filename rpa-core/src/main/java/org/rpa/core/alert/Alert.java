package org.rpa.core.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * One rule as last evaluated.
 *
 * @param name the rule, such as {@code HighFailureRate}
 * @param severity how urgent it is while firing; a rule on a traffic-light threshold fires as a
 *     {@code WARNING} at yellow and {@code CRITICAL} at red, and shows its worst when resolved
 * @param since when it entered its state (for a rule that never fired, its first evaluation)
 * @param message why it fires, or what it watches when resolved
 * @param evaluatedAt when it was last evaluated
 */
public record Alert(
    String name,
    AlertSeverity severity,
    AlertState state,
    Instant since,
    String message,
    Instant evaluatedAt) {
  public Alert {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
  }

  /** Whether the condition holds. */
  public boolean firing() {
    return state == AlertState.FIRING;
  }
}
