package org.rpa.core.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The orchestrator's metrics: job counts sampled into a bounded history (the metrics collector
 * calls {@link #collect()} every five minutes), live dispatch counters, and uptime.
 *
 * <p>Thread-safe. {@link #collect()} and {@link #current()} call the counts supplier on the
 * caller's thread; it may block (it usually queries the store) and its exceptions propagate.
 */
public final class Metrics {
  private final Clock clock;
  private final Supplier<Snapshot> counts;
  private final MetricsHistory history;
  private final LiveCounters live = new LiveCounters();
  private final Instant startedAt;
  private final List<Gauge> gauges = new CopyOnWriteArrayList<>();
  private volatile DurationSource durations = (from, to) -> DurationStats.EMPTY;

  /**
   * Where execution durations come from: statistics of the store's finished executions in a window,
   * computed by the database.
   */
  @FunctionalInterface
  public interface DurationSource {
    /**
     * Count, average, extremes and nearest-rank percentiles, in milliseconds, of the durations of
     * the executions that finished in [{@code from}, {@code to}).
     */
    DurationStats durations(Instant from, Instant to);
  }

  /**
   * Metrics with a history of {@link MetricsHistory#DEFAULT_CAPACITY} points, started now.
   *
   * @param counts gives the job counts; the timestamp it puts on them is replaced by the clock's
   */
  public Metrics(Clock clock, Supplier<Snapshot> counts) {
    this(clock, counts, MetricsHistory.DEFAULT_CAPACITY);
  }

  /**
   * Metrics with a history of {@code historyCapacity} points, started now.
   *
   * @throws IllegalArgumentException when {@code historyCapacity} is below 1
   */
  public Metrics(Clock clock, Supplier<Snapshot> counts, int historyCapacity) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.counts = Objects.requireNonNull(counts, "counts");
    this.history = new MetricsHistory(historyCapacity);
    this.startedAt = clock.instant();
  }

  /** Takes a snapshot now, appends it to the history and returns it. */
  public Snapshot collect() {
    Snapshot snapshot = current();
    history.add(snapshot);
    return snapshot;
  }

  /** Takes a snapshot now without keeping it. */
  public Snapshot current() {
    Snapshot snapshot = Objects.requireNonNull(counts.get(), "counts supplier returned null");
    return snapshot.withTimestamp(clock.instant());
  }

  /** Sets where {@link #executionDurations(Duration)} reads durations from. */
  public void durationSource(DurationSource source) {
    this.durations = Objects.requireNonNull(source, "source");
  }

  /**
   * Count, average, min, max and p50/p90/p99 of the executions that finished within {@code window}
   * before now.
   */
  public DurationStats executionDurations(Duration window) {
    Instant now = clock.instant();
    Instant from = now.minus(window);
    return from.isBefore(now) ? durations.durations(from, now) : DurationStats.EMPTY;
  }

  /** Adds a gauge; see {@link Gauge}. */
  public void gauge(Gauge gauge) {
    gauges.add(Objects.requireNonNull(gauge, "gauge"));
  }

  /** The extra gauges modules added (such as {@code rpa_self_healing_success_ratio}), in order. */
  public List<Gauge> gauges() {
    return List.copyOf(gauges);
  }

  public MetricsHistory history() {
    return history;
  }

  public LiveCounters live() {
    return live;
  }

  /** When these metrics were created, by the clock. */
  public Instant startedAt() {
    return startedAt;
  }

  /** Time since {@link #startedAt()}; zero if the clock went back. */
  public Duration uptime() {
    Duration uptime = Duration.between(startedAt, clock.instant());
    return uptime.isNegative() ? Duration.ZERO : uptime;
  }

  /**
   * Renders {@code uptime} as the documented {@code /health} does: {@code "2 days, 14:32:15"},
   * {@code "1 day, 8:45:22"}, {@code "0:05:07"}. Fractions of a second are dropped.
   *
   * @throws IllegalArgumentException when {@code uptime} is negative
   */
  public static String humanUptime(Duration uptime) {
    Objects.requireNonNull(uptime, "uptime");
    if (uptime.isNegative()) {
      throw new IllegalArgumentException("uptime must not be negative, but was " + uptime);
    }
    long days = uptime.toDays();
    String clockPart =
        String.format(
            Locale.ROOT,
            "%d:%02d:%02d",
            uptime.toHoursPart(),
            uptime.toMinutesPart(),
            uptime.toSecondsPart());
    if (days == 0) {
      return clockPart;
    }
    return days + (days == 1 ? " day, " : " days, ") + clockPart;
  }
}
