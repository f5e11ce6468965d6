package org.rpa.core.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where the metrics collector keeps its {@link Snapshot}s: one per {@link #PERIOD} at most, however
 * many orchestrators share the history, so that a restart loses none and a month can be looked back
 * on. The orchestrator's history is its store's ({@code metrics_snapshots}), pruned by the daily
 * cleanup after the builder's {@code metricsRetention}.
 *
 * <p>Implementations are thread-safe.
 */
public interface MetricsHistory {
  /** The collector's period: one snapshot per five minutes. */
  Duration PERIOD = Duration.ofMinutes(5);

  /**
   * Keeps {@code snapshot} as the one of its period ({@link #periodOf}) unless that period has one
   * already, written by this process before a restart or by another process on the same history.
   *
   * @return whether this call kept it
   */
  boolean record(Snapshot snapshot);

  /**
   * The snapshots taken from {@code from} to {@code to}, both included, newest first.
   *
   * @throws IllegalArgumentException when {@code to} is before {@code from}
   */
  List<Snapshot> newestFirst(Instant from, Instant to);

  /**
   * Deletes the snapshots taken before {@code cutoff}.
   *
   * @return how many it deleted
   */
  int pruneBefore(Instant cutoff);

  /** The start of the five-minute period {@code at} falls in, counted from the epoch in UTC. */
  static Instant periodOf(Instant at) {
    long seconds = PERIOD.toSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
  }
}
