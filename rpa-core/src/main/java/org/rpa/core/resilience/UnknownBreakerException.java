package org.rpa.core.resilience;

import java.util.Objects;
import org.rpa.core.RpaException;

/** No circuit breaker is registered under the given name. */
public final class UnknownBreakerException extends RpaException {
  private final String name;

  public UnknownBreakerException(String name) {
    super("Circuit breaker '" + name + "' is not registered");
    this.name = Objects.requireNonNull(name, "name");
  }

  /** The name that was asked for. */
  public String name() {
    return name;
  }
}
