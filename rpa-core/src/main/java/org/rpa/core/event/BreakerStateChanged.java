package org.rpa.core.event;

import java.time.Instant;

/** A named circuit breaker changed state ({@code closed}, {@code open}, {@code half_open}). */
public record BreakerStateChanged(String breaker, String from, String to, Instant at)
    implements RpaEvent {
  @Override
  public String type() {
    return "breaker.state_changed";
  }
}
