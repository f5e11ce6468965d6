package org.rpa.bench;

import java.time.Duration;
import java.util.List;
import org.rpa.core.Orchestrator;
import org.rpa.core.analytics.Analytics;
import org.rpa.core.analytics.ExecutionFilter;
import org.rpa.core.analytics.ExecutionQuery;
import org.rpa.core.analytics.GroupBy;

/**
 * The core calls each monitoring endpoint makes, in the order it makes them, with the endpoint's
 * target for its p50: what {@code GET /api/system/stats?period=30d}, {@code /api/v1/metrics/
 * analytics} (its default window, 24 h), {@code /api/system/stats/live}, {@code /api/v1/metrics/
 * fleet} and {@code /api/logs/recent} ask of {@code analytics()} and {@code fleet()}.
 */
final class MonitoringCalls {
  private MonitoringCalls() {}

  /** One core call; its result is dropped. */
  record Call(String name, Body body) {}

  /** What a call does. */
  @FunctionalInterface
  interface Body {
    Object run(Orchestrator rpa);
  }

  /** An endpoint: its key in the results, its label, its p50 target in ms, its calls. */
  record Endpoint(String key, String label, double targetMs, List<Call> calls) {}

  static final Duration THIRTY_DAYS = Duration.ofDays(30);
  static final Duration DAY = Duration.ofHours(24);
  static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  /** What {@code stats/live} asks, also what the poller of the drain ratio calls every second. */
  static final Endpoint LIVE =
      new Endpoint(
          "live",
          "stats/live",
          10,
          List.of(
              new Call(
                  "outcomes 5 min",
                  rpa -> rpa.analytics().outcomes(rpa.analytics().last(FIVE_MINUTES))),
              new Call("liveCounts", rpa -> rpa.analytics().liveCounts())));

  static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint(
              "stats30d",
              "stats?period=30d",
              300,
              List.of(
                  new Call(
                      "summary 30 d", rpa -> summaries(rpa.analytics(), THIRTY_DAYS, GroupBy.NONE)),
                  new Call(
                      "summaries by JOB_TYPE 30 d",
                      rpa -> summaries(rpa.analytics(), THIRTY_DAYS, GroupBy.JOB_TYPE)),
                  new Call(
                      "summaries by HOUR 30 d",
                      rpa -> summaries(rpa.analytics(), THIRTY_DAYS, GroupBy.HOUR)),
                  new Call("jobCounts", rpa -> rpa.analytics().jobCounts()))),
          new Endpoint(
              "analytics",
              "analytics (24 h)",
              300,
              List.of(
                  new Call("totals 24 h", rpa -> totals(rpa.analytics(), DAY)),
                  new Call("by JOB_TYPE 24 h", rpa -> by(rpa.analytics(), DAY, GroupBy.JOB_TYPE)),
                  new Call(
                      "summaries by ERROR_TYPE 24 h",
                      rpa -> summaries(rpa.analytics(), DAY, GroupBy.ERROR_TYPE)),
                  new Call(
                      "healing 24 h", rpa -> rpa.analytics().healing(rpa.analytics().last(DAY))))),
          LIVE,
          new Endpoint(
              "fleet",
              "fleet",
              10,
              List.of(
                  new Call("fleet.summary", rpa -> rpa.fleet().summary()),
                  new Call("queueDepth", rpa -> rpa.analytics().queueDepth()))),
          new Endpoint(
              "recent",
              "logs/recent",
              20,
              List.of(
                  new Call(
                      "executions limit 50",
                      rpa ->
                          rpa.analytics()
                              .executions(ExecutionQuery.of(ExecutionFilter.all()).limit(50))))));

  private static Object totals(Analytics analytics, Duration period) {
    return analytics.totals(analytics.last(period));
  }

  private static Object by(Analytics analytics, Duration period, GroupBy by) {
    return analytics.statistics(analytics.last(period), by);
  }

  private static Object summaries(Analytics analytics, Duration period, GroupBy by) {
    return analytics.summaries(analytics.last(period), by);
  }
}
