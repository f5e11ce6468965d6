package org.rpa.server.http;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import org.rpa.core.analytics.ExecutionStats;
import org.rpa.core.job.Job;
import org.rpa.server.Timestamps;

/**
 * How the monitoring views write their values: percentages as text with two decimals ({@code
 * "86.96%"}), durations in whole milliseconds, instants as {@link Timestamps} does (null stays
 * null), and a job's name.
 */
final class Figures {
  private Figures() {}

  /** {@code part} of {@code whole} as {@code "86.96%"}, rounded half up; {@code "0.00%"} of 0. */
  static String percent(long part, long whole) {
    if (whole == 0) {
      return "0.00%";
    }
    return BigDecimal.valueOf(part)
            .multiply(BigDecimal.valueOf(100))
            .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP)
            .toPlainString()
        + "%";
  }

  /** The successes of {@code stats} among all its executions. */
  static String successRate(ExecutionStats stats) {
    return percent(stats.success(), stats.total());
  }

  /** The mean duration of {@code stats} in whole milliseconds, rounded half up; 0 without any. */
  static long averageMillis(ExecutionStats stats) {
    return Math.round(stats.durations().avgMs());
  }

  /** Null for null. */
  static Long millis(Duration duration) {
    return duration == null ? null : duration.toMillis();
  }

  /** Null for null. */
  static String instant(Instant instant) {
    return instant == null ? null : Timestamps.format(instant);
  }

  /** What a job is called in a view: its reference, else its type. */
  static String name(String reference, String taskType) {
    return reference == null ? taskType : reference;
  }

  static String name(Job job) {
    return name(job.reference(), job.type());
  }
}
