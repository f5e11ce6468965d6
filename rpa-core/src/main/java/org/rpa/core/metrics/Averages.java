package org.rpa.core.metrics;

import java.util.List;

/** Each job count averaged over a list of {@link Snapshot}s; all zero when the list is empty. */
public record Averages(
    double queuedJobs, double runningJobs, double completedJobs, double failedJobs) {
  public static final Averages ZERO = new Averages(0, 0, 0, 0);

  /** Each count averaged over {@code snapshots}; {@link #ZERO} when there are none. */
  public static Averages of(List<Snapshot> snapshots) {
    int size = snapshots.size();
    if (size == 0) {
      return ZERO;
    }
    double queued = 0;
    double running = 0;
    double completed = 0;
    double failed = 0;
    for (Snapshot snapshot : snapshots) {
      queued += snapshot.queuedJobs();
      running += snapshot.runningJobs();
      completed += snapshot.completedJobs();
      failed += snapshot.failedJobs();
    }
    return new Averages(queued / size, running / size, completed / size, failed / size);
  }
}
