package org.rpa.core.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How fast the orchestrator works: dispatch throughput, pick-up, claim and commit latencies, commit
 * batch sizes, the heap and garbage collections, the store's connection pool, and the embedding
 * server's requests, over the last minute, the last five minutes, and per minute for the last 24
 * hours.
 *
 * <p>The counters and latency recorders are the engine's own ({@link LiveCounters}); this class
 * marks them on each {@link #tick()} (a supervised loop ticks every {@link #TICK}), so that a
 * window's figures are exactly those recorded between two marks: a window of the last minute spans
 * from the oldest mark at most a minute old (or the start) to now. A tick at least {@link #SAMPLE}
 * after the last sample closes the next one; the history keeps {@link #HISTORY} of them. Time comes
 * from the injected {@link Clock}: a test advances a {@code MutableClock} and ticks.
 *
 * <p>Latency percentiles are exact over the window's samples while they number at most {@link
 * LatencyRecorder#WINDOW}, and over the newest {@link LatencyRecorder#WINDOW} beyond that.
 *
 * <p>Thread-safe: ticks and reads hold this object's lock for a short copy; the recorders are
 * lock-free.
 */
public final class Performance {
  /** How often the orchestrator's loop ticks. */
  public static final Duration TICK = Duration.ofSeconds(5);

  /** The span of one point of the history. */
  public static final Duration SAMPLE = Duration.ofMinutes(1);

  /** How many points the history keeps: 24 hours of minutes. */
  public static final int HISTORY = 1440;

  private static final Duration LONGEST_WINDOW = Duration.ofMinutes(5);

  private record Mark(
      Instant at,
      long started,
      long pickUps,
      long claims,
      long commits,
      long committed,
      long requests,
      int largestBatch,
      JvmUse jvm) {}

  private final Clock clock;
  private final LiveCounters live;
  private final Supplier<JvmUse> jvm;
  private final LatencyRecorder requests = new LatencyRecorder();
  private final ArrayDeque<Mark> marks = new ArrayDeque<>();
  private final ArrayDeque<PerformanceSample> history = new ArrayDeque<>();
  private volatile Supplier<PoolUse> pool = () -> null;
  private Mark sampleStart;

  /** Performance of the engine whose counters are {@code live}, read from this JVM. */
  public Performance(Clock clock, LiveCounters live) {
    this(clock, live, JvmUse::now);
  }

  /** Performance with the JVM's figures read from {@code jvm}. */
  public Performance(Clock clock, LiveCounters live, Supplier<JvmUse> jvm) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.live = Objects.requireNonNull(live, "live");
    this.jvm = Objects.requireNonNull(jvm, "jvm");
    this.sampleStart = mark(true);
    marks.add(sampleStart);
  }

  /**
   * Where the embedding server records each request's duration, in nanoseconds; rpa-server records
   * every HTTP request here.
   */
  public LatencyRecorder requests() {
    return requests;
  }

  /** Sets where the store's connection pool is read from; its supplier may return null. */
  public void poolSource(Supplier<PoolUse> source) {
    this.pool = Objects.requireNonNull(source, "source");
  }

  /**
   * Marks the counters now, and closes a sample of the history if {@link #SAMPLE} has passed since
   * the last one. A tick at the instant of the last mark (a clock that did not move) does nothing.
   */
  public synchronized void tick() {
    if (!clock.instant().isAfter(marks.getLast().at())) {
      return;
    }
    Mark now = mark(true);
    marks.addLast(now);
    Instant oldest = now.at().minus(LONGEST_WINDOW).minus(TICK);
    while (marks.size() > 2 && marks.getFirst().at().isBefore(oldest)) {
      marks.removeFirst();
    }
    if (Duration.between(sampleStart.at(), now.at()).compareTo(SAMPLE) >= 0) {
      if (history.size() == HISTORY) {
        history.removeFirst();
      }
      history.addLast(span(sampleStart, now, largestAfter(sampleStart, now.largestBatch())));
      sampleStart = now;
    }
  }

  /** The last minute, up to now (shorter while the orchestrator has run less). */
  public PerformanceSample lastMinute() {
    return window(SAMPLE);
  }

  /** The last five minutes, up to now (shorter while the orchestrator has run less). */
  public PerformanceSample lastFiveMinutes() {
    return window(LONGEST_WINDOW);
  }

  /**
   * The closed samples that ended within {@code period} of now, oldest first: one per minute.
   *
   * @throws IllegalArgumentException when {@code period} is not positive
   */
  public synchronized List<PerformanceSample> history(Duration period) {
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive, but was " + period);
    }
    Instant since = clock.instant().minus(period);
    List<PerformanceSample> newest = new ArrayList<>();
    for (Iterator<PerformanceSample> it = history.descendingIterator(); it.hasNext(); ) {
      PerformanceSample sample = it.next();
      if (!sample.to().isAfter(since)) {
        break;
      }
      newest.add(sample);
    }
    Collections.reverse(newest);
    return List.copyOf(newest);
  }

  private synchronized PerformanceSample window(Duration length) {
    Mark now = mark(false);
    Instant since = now.at().minus(length);
    Mark from = marks.getLast();
    for (Mark mark : marks) {
      if (!mark.at().isBefore(since)) {
        from = mark;
        break;
      }
    }
    if (from.at().isAfter(now.at())) {
      from = now;
    }
    return span(from, now, largestAfter(from, now.largestBatch()));
  }

  /** The largest commit after {@code from}'s mark: the marks' since theirs, and {@code latest}. */
  private int largestAfter(Mark from, int latest) {
    int largest = latest;
    boolean after = false;
    for (Mark mark : marks) {
      if (after) {
        largest = Math.max(largest, mark.largestBatch());
      }
      after |= mark == from;
    }
    return largest;
  }

  private PerformanceSample span(Mark from, Mark to, int largestBatch) {
    return new PerformanceSample(
        from.at(),
        to.at(),
        to.started() - from.started(),
        live.pickUpLatency().snapshotBetween(from.pickUps(), to.pickUps()),
        live.claimLatency().snapshotBetween(from.claims(), to.claims()),
        live.commitLatency().snapshotBetween(from.commits(), to.commits()),
        to.commits() - from.commits(),
        to.committed() - from.committed(),
        largestBatch,
        requests.snapshotBetween(from.requests(), to.requests()),
        Math.max(0, to.jvm().gcCollections() - from.jvm().gcCollections()),
        Math.max(0, to.jvm().gcMillis() - from.jvm().gcMillis()),
        to.jvm(),
        pool.get());
  }

  /**
   * The counters now; {@code reset} starts the writer's largest batch again, for a mark that is
   * kept.
   */
  private Mark mark(boolean reset) {
    return new Mark(
        clock.instant(),
        live.started(),
        live.pickUpLatency().totalCount(),
        live.claimLatency().totalCount(),
        live.commitLatency().totalCount(),
        live.committed(),
        requests.totalCount(),
        reset ? live.takeLargestBatch() : live.largestBatch(),
        jvm.get());
  }
}
