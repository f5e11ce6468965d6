package org.rpa.core.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The orchestrator's metrics: job counts sampled into a {@link MetricsHistory} (the metrics
 * collector calls {@link #collect()} every five minutes; the orchestrator's history is in its
 * store), live dispatch counters, {@link Performance}, and uptime.
 *
 * <p>Thread-safe. {@link #collect()} and {@link #current()} call the counts supplier on the
 * caller's thread; it may block (it usually queries the store) and its exceptions propagate.
 */
public final class Metrics {
  private final Clock clock;
  private final Supplier<Snapshot> counts;
  private final MetricsHistory history;
  private final LiveCounters live = new LiveCounters();
  private final Performance performance;
  private final Instant startedAt;
  private final List<Gauge> gauges = new CopyOnWriteArrayList<>();
  private final List<Consumer<Gauge>> gaugeListeners = new CopyOnWriteArrayList<>();
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
   * Metrics that keep their snapshots in {@code history}, started now.
   *
   * @param counts gives the job counts; the timestamp it puts on them is replaced by the clock's
   */
  public Metrics(Clock clock, Supplier<Snapshot> counts, MetricsHistory history) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.counts = Objects.requireNonNull(counts, "counts");
    this.history = Objects.requireNonNull(history, "history");
    this.startedAt = clock.instant();
    this.performance = new Performance(clock, live);
  }

  /**
   * Takes a snapshot now and keeps it in the history, unless the history holds one of this
   * five-minute period already (another orchestrator on the same store took it); returns it either
   * way.
   */
  public Snapshot collect() {
    Snapshot snapshot = current();
    history.record(snapshot);
    return snapshot;
  }

  /**
   * The snapshots the history holds of the last {@code window} up to now, newest first.
   *
   * @throws IllegalArgumentException when {@code window} is negative
   */
  public List<Snapshot> recent(Duration window) {
    if (window.isNegative()) {
      throw new IllegalArgumentException("window must not be negative, but was " + window);
    }
    Instant now = clock.instant();
    return history.newestFirst(now.minus(window), now);
  }

  /** Takes a snapshot now without keeping it. */
  public Snapshot current() {
    Snapshot snapshot = Objects.requireNonNull(counts.get(), "counts supplier returned null");
    return snapshot.withTimestamp(clock.instant());
  }

  /**
   * Throughput, latencies, commit batches, heap, garbage collections and the connection pool over
   * the last one and five minutes, and per minute for 24 hours.
   */
  public Performance performance() {
    return performance;
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

  /** Adds a gauge; see {@link Gauge}. The listeners of {@link #onGauge} hear of it. */
  public void gauge(Gauge gauge) {
    Objects.requireNonNull(gauge, "gauge");
    List<Consumer<Gauge>> listeners;
    synchronized (gauges) {
      gauges.add(gauge);
      listeners = List.copyOf(gaugeListeners);
    }
    listeners.forEach(listener -> listener.accept(gauge));
  }

  /**
   * Calls {@code listener} with every gauge, once each: those added already, now on this thread,
   * and those added later, on the thread that adds them. A metrics registry that publishes the
   * gauges listens so.
   */
  public void onGauge(Consumer<Gauge> listener) {
    Objects.requireNonNull(listener, "listener");
    List<Gauge> present;
    synchronized (gauges) {
      gaugeListeners.add(listener);
      present = List.copyOf(gauges);
    }
    present.forEach(listener);
  }

  /** The extra gauges modules added (such as {@code rpa_self_healing_success_ratio}), in order. */
  public List<Gauge> gauges() {
    return List.copyOf(gauges);
  }

  /** Where the snapshots are kept. */
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
