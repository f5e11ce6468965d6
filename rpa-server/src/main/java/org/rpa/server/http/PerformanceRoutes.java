package org.rpa.server.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.rpa.core.metrics.DurationStats;
import org.rpa.core.metrics.JvmUse;
import org.rpa.core.metrics.Performance;
import org.rpa.core.metrics.PerformanceSample;
import org.rpa.core.metrics.PoolUse;
import org.rpa.server.security.Permission;

/**
 * {@code GET /api/system/performance}: how fast the orchestrator works over the last minute and the
 * last five minutes (executions started, pick-up, claim and commit latencies, commit batches,
 * garbage collections, HTTP requests), the heap and the connection pool now; {@code GET
 * /api/system/performance/history?hours=1..24}: the same per minute, oldest first. Figures come
 * from the core's {@link Performance}; the server records every HTTP request's duration there.
 * Latencies are in milliseconds.
 *
 * <p>Thread-safe.
 */
final class PerformanceRoutes {
  private static final double MB = 1024.0 * 1024.0;

  /** Count, mean, nearest-rank percentiles and maximum of a set of durations, in milliseconds. */
  record Latency(long count, double avg, double p50, double p90, double p99, long max) {}

  record Dispatch(long started, double jobsPerSecond) {}

  record Store(
      long commits,
      double commitsPerSecond,
      long committed,
      double meanBatchSize,
      int largestBatch,
      Latency commitMs) {}

  record Gc(long collections, long timeMs) {}

  record Http(long requests, double requestsPerSecond, Latency latencyMs) {}

  record Heap(double usedMb, double committedMb, Double maxMb) {}

  record Pool(int active, int idle, int total, int max, int waiting) {}

  record Period(
      String from,
      String to,
      double spanSeconds,
      Dispatch dispatch,
      Latency pickUpMs,
      Latency claimMs,
      Store store,
      Gc gc,
      Http http) {}

  record PerformanceBody(
      Period lastMinute,
      Period lastFiveMinutes,
      Heap heap,
      Pool connectionPool,
      String timestamp) {}

  /** One minute of the history, flattened for a chart. */
  record HistoryPoint(
      String from,
      String to,
      long started,
      double jobsPerSecond,
      double pickUpP50Ms,
      double pickUpP99Ms,
      double claimP99Ms,
      double commitP99Ms,
      double meanBatchSize,
      int largestBatch,
      long requests,
      double httpP99Ms,
      long gcTimeMs,
      double heapUsedMb,
      Integer poolActive,
      Integer poolWaiting) {}

  record HistoryBody(
      int intervalSeconds, int hours, int count, List<HistoryPoint> points, String timestamp) {}

  private final ServerContext context;

  PerformanceRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
                "/api/system/performance",
                "monitoring",
                "Dispatch throughput, pick-up, claim and commit latency, commit batches, GC and"
                    + " HTTP requests over the last 1 and 5 minutes; heap and connection pool now",
                PerformanceBody.class,
                this::now)
            .secured(Permission.MONITORING_READ),
        ApiRoute.route(
                "/api/system/performance/history",
                "monitoring",
                "The performance figures per minute, oldest first, over the last hours (1 to 24,"
                    + " default 24)",
                HistoryBody.class,
                this::history)
            .secured(Permission.MONITORING_READ)
            .query("hours"));
  }

  private Performance performance() {
    return context.orchestrator().metrics().performance();
  }

  private void now(Context ctx) {
    PerformanceSample minute = performance().lastMinute();
    PerformanceSample five = performance().lastFiveMinutes();
    ctx.json(
        new PerformanceBody(
            period(minute), period(five), heap(minute.jvm()), pool(minute.pool()), context.now()));
  }

  private void history(Context ctx) {
    int hours = MonitoringQueries.between(ctx, "hours", 24, 1, 24);
    List<HistoryPoint> points =
        performance().history(Duration.ofHours(hours)).stream()
            .map(PerformanceRoutes::point)
            .toList();
    ctx.json(
        new HistoryBody(
            (int) Performance.SAMPLE.toSeconds(), hours, points.size(), points, context.now()));
  }

  private static Period period(PerformanceSample sample) {
    double seconds = sample.span().toMillis() / 1000.0;
    return new Period(
        Figures.instant(sample.from()),
        Figures.instant(sample.to()),
        seconds,
        new Dispatch(sample.started(), round(sample.startedPerSecond())),
        latency(sample.pickUp()),
        latency(sample.claim()),
        new Store(
            sample.commits(),
            round(seconds == 0 ? 0 : sample.commits() / seconds),
            sample.committed(),
            round(sample.meanBatchSize()),
            sample.largestBatch(),
            latency(sample.commit())),
        new Gc(sample.gcCollections(), sample.gcMillis()),
        new Http(
            sample.requests().count(),
            round(sample.requestsPerSecond()),
            latency(sample.requests())));
  }

  private static HistoryPoint point(PerformanceSample sample) {
    PoolUse pool = sample.pool();
    return new HistoryPoint(
        Figures.instant(sample.from()),
        Figures.instant(sample.to()),
        sample.started(),
        round(sample.startedPerSecond()),
        round(sample.pickUp().p50Ms()),
        round(sample.pickUp().p99Ms()),
        round(sample.claim().p99Ms()),
        round(sample.commit().p99Ms()),
        round(sample.meanBatchSize()),
        sample.largestBatch(),
        sample.requests().count(),
        round(sample.requests().p99Ms()),
        sample.gcMillis(),
        round(sample.jvm().heapUsedBytes() / MB),
        pool == null ? null : pool.active(),
        pool == null ? null : pool.waiting());
  }

  private static Latency latency(DurationStats stats) {
    return new Latency(
        stats.count(),
        round(stats.avgMs()),
        round(stats.p50Ms()),
        round(stats.p90Ms()),
        round(stats.p99Ms()),
        stats.maxMs());
  }

  private static Heap heap(JvmUse jvm) {
    return new Heap(
        round(jvm.heapUsedBytes() / MB),
        round(jvm.heapCommittedBytes() / MB),
        jvm.heapMaxBytes() < 0 ? null : round(jvm.heapMaxBytes() / MB));
  }

  private static Pool pool(PoolUse pool) {
    return pool == null
        ? null
        : new Pool(pool.active(), pool.idle(), pool.total(), pool.max(), pool.waiting());
  }

  /** Three decimals: microseconds for a latency, enough for a rate. */
  private static double round(double value) {
    return Math.round(value * 1000.0) / 1000.0;
  }
}
