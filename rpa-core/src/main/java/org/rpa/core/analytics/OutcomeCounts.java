package org.rpa.core.analytics;

/**
 * How many executions finished in a window, and how many of them did not succeed: the two counts of
 * {@link ExecutionStats} a poller needs, without its durations and percentiles, counted on the
 * finish-time index alone.
 *
 * @param total every execution that finished in the window, as {@link ExecutionStats#total()}
 * @param unsuccessful those that FAILED or timed out ({@code TIMEOUT}); a CANCELLED one is neither
 */
public record OutcomeCounts(long total, long unsuccessful) {
  public OutcomeCounts {
    if (unsuccessful < 0 || unsuccessful > total) {
      throw new IllegalArgumentException(
          "unsuccessful must be between 0 and total (" + total + "), but was " + unsuccessful);
    }
  }
}
