package org.rpa.core.metrics;

import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * An extra gauge that a module adds to the metrics (such as the browser automations' self-healing
 * success rate): a Prometheus-style name, a help line, and where its value comes from. The value is
 * read each time the metrics are rendered, on the reader's thread; it must be quick.
 */
public record Gauge(String name, String help, DoubleSupplier value) {
  /** Prometheus metric names. */
  public static final Pattern NAME = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*$");

  public Gauge {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name must match " + NAME.pattern() + ", but was " + name);
    }
    Objects.requireNonNull(help, "help");
    Objects.requireNonNull(value, "value");
  }

  /** The value now; NaN if the supplier throws. */
  public double read() {
    try {
      return value.getAsDouble();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
