package org.rpa.core.analytics;

import static org.rpa.core.analytics.History.at;

import java.time.Instant;
import java.util.List;
import org.rpa.core.metrics.DurationStats;

/** The history the analytics contract reads, and helpers to write expected figures. */
interface AnalyticsFixture {
  History history();

  default Analytics analytics() {
    return history().a.analytics();
  }

  /** The window of the whole history, 09:00 to 12:00. */
  default TimeWindow morning() {
    return new TimeWindow(at("09:00:00"), at("12:00:00"));
  }

  /** An execution as {@code <job name>.<attempt> <status>}, such as {@code j7.2 FAILED}. */
  default String label(ExecutionEntry entry) {
    var execution = entry.execution();
    return history().name(execution.jobId()) + "." + execution.attempt() + " " + execution.status();
  }

  /** The labels of the page the query selects. */
  default List<String> labels(ExecutionQuery query) {
    return analytics().executions(query).items().stream().map(this::label).toList();
  }

  static DurationStats durations(
      long count, long sum, long min, long max, long p50, long p90, long p99) {
    return new DurationStats(count, (double) sum / count, min, max, p50, p90, p99);
  }

  /** Counts in the order total, success, failed, timeout, cancelled, retries. */
  static ExecutionStats stats(
      String group, long[] counts, DurationStats durations, String firstStarted, String last) {
    return new ExecutionStats(
        group,
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[4],
        counts[5],
        durations,
        firstStarted == null ? null : at(firstStarted),
        last == null ? null : at(last));
  }

  static long[] counts(
      long total, long success, long failed, long timeout, long cancelled, long retries) {
    return new long[] {total, success, failed, timeout, cancelled, retries};
  }

  static Instant instant(String time) {
    return at(time);
  }
}
