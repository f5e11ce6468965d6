package org.rpa.core.resilience;

import java.time.Instant;
import java.util.Objects;

/**
 * A circuit breaker moved from one state to another. States are spelled as in {@link
 * BreakerView#state()}; {@code at} is read from the registry's clock.
 */
public record BreakerStateChange(String name, String from, String to, Instant at) {
  public BreakerStateChange {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
  }
}
