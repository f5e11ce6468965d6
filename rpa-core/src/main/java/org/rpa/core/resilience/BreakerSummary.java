package org.rpa.core.resilience;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts of breakers by state, as in the {@code circuit_breakers} object of the full health check.
 * {@code open} includes forced-open breakers and {@code closed} includes disabled and metrics-only
 * ones (they let calls through), so {@code open + halfOpen + closed == total}.
 *
 * @param breakers name → state, sorted by name
 */
public record BreakerSummary(
    int total, int open, int halfOpen, int closed, Map<String, String> breakers) {
  public BreakerSummary {
    Objects.requireNonNull(breakers, "breakers");
    breakers = Collections.unmodifiableMap(new LinkedHashMap<>(breakers));
    if (open + halfOpen + closed != total) {
      throw new IllegalArgumentException(
          "open + halfOpen + closed must equal total, but was "
              + open
              + " + "
              + halfOpen
              + " + "
              + closed
              + " != "
              + total);
    }
  }
}
