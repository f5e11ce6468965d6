package org.rpa.core.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.rpa.core.event.Nullable;

/**
 * The orchestrator's performance over one span of time: a minute of {@link Performance#history}, or
 * the last one or five minutes of {@link Performance#lastMinute()} and {@link
 * Performance#lastFiveMinutes()}. Latencies are in milliseconds; counts are those of the span.
 *
 * @param started executions started in the span
 * @param pickUp from due (submitted, or its run-at time) to started, for the executions started in
 *     the span
 * @param claim how long each claim from the store took
 * @param commit how long each of the writer's commits of starts and finishes took: the store's
 *     write latency as the engine feels it
 * @param commits the writer's commits
 * @param committed the starts and finishes those commits wrote
 * @param largestBatch the most one commit wrote
 * @param requests the embedding server's requests (an HTTP server's, for rpa-server), with their
 *     durations
 * @param gcCollections garbage collections in the span
 * @param gcMillis milliseconds spent collecting in the span
 * @param jvm the heap at the end of the span
 * @param pool the store's connection pool at the end of the span, or null when it has none the
 *     orchestrator can read (a {@code DataSource} of the embedder's own kind)
 */
public record PerformanceSample(
    Instant from,
    Instant to,
    long started,
    DurationStats pickUp,
    DurationStats claim,
    DurationStats commit,
    long commits,
    long committed,
    int largestBatch,
    DurationStats requests,
    long gcCollections,
    long gcMillis,
    JvmUse jvm,
    @Nullable PoolUse pool) {

  public PerformanceSample {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(pickUp, "pickUp");
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(jvm, "jvm");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to " + to + " is before from " + from);
    }
  }

  /** How long the span is. */
  public Duration span() {
    return Duration.between(from, to);
  }

  /** Executions started per second over the span; 0 for an empty span. */
  public double startedPerSecond() {
    return perSecond(started);
  }

  /** Requests per second over the span; 0 for an empty span. */
  public double requestsPerSecond() {
    return perSecond(requests.count());
  }

  /** Starts and finishes per commit; 0 without commits. */
  public double meanBatchSize() {
    return commits == 0 ? 0 : (double) committed / commits;
  }

  private double perSecond(long count) {
    long millis = span().toMillis();
    return millis == 0 ? 0 : count * 1000.0 / millis;
  }
}
