package org.rpa.core.metrics;

/** Each job count averaged over a {@link MetricsHistory}; all zero when the history is empty. */
public record Averages(
    double queuedJobs, double runningJobs, double completedJobs, double failedJobs) {
  public static final Averages ZERO = new Averages(0, 0, 0, 0);
}
