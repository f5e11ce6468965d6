package org.rpa.core.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.rpa.core.analytics.ExecutionStats;
import org.rpa.core.analytics.GroupBy;
import org.rpa.core.analytics.TimeWindow;

/**
 * Statistics of a window from the hourly rollups ({@link ExecutionRollups}): the rows of the hours
 * the window covers whole, added up in SQL, plus the executions of the partial hours at its edges,
 * read from {@code job_executions}. An edge hour counts as covered when no execution of it finished
 * outside the window, which one probe of {@code job_executions_finished} tells; a window that ends
 * now ({@link TimeWindow#endsNow}) covers its current hour. Only for the groupings the rollups hold
 * (none, job type, hour).
 */
final class RollupStatistics {
  private RollupStatistics() {}

  /**
   * The figures {@link RollupTally} adds up, as the rollups and the edges' aggregates name them.
   */
  private static final String SUMS =
      "SUM(executions) AS executions, SUM(success) AS success, SUM(failed) AS failed,"
          + " SUM(timed_out) AS timed_out, SUM(cancelled) AS cancelled, SUM(retries) AS retries,"
          + " SUM(timed) AS timed, SUM(duration_sum) AS duration_sum,"
          + " MIN(duration_min) AS duration_min, MAX(duration_max) AS duration_max,"
          + " MIN(first_started) AS first_started, MAX(last_started) AS last_started";

  private static final String EDGE_SUMS =
      "COUNT(*) AS executions, SUM(CASE WHEN status = 'SUCCESS' THEN 1 ELSE 0 END) AS success,"
          + " SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END) AS failed,"
          + " SUM(CASE WHEN status = 'TIMEOUT' THEN 1 ELSE 0 END) AS timed_out,"
          + " SUM(CASE WHEN status = 'CANCELLED' THEN 1 ELSE 0 END) AS cancelled,"
          + " SUM(CASE WHEN attempt > 1 THEN 1 ELSE 0 END) AS retries,"
          + " COUNT(duration_ms) AS timed, COALESCE(SUM(duration_ms), 0) AS duration_sum,"
          + " MIN(duration_ms) AS duration_min, MAX(duration_ms) AS duration_max,"
          + " MIN(started_at) AS first_started, MAX(started_at) AS last_started";

  /**
   * The statistics of {@code window} grouped {@code by}, in no order, or null where the caller
   * ranks the executions instead: for the groupings the rollups do not hold, and, when {@code
   * percentiles} are asked for, while the hours the window touches hold {@code exactUpTo}
   * executions or fewer (their exact ranking is cheap then).
   */
  static List<ExecutionStats> of(
      Handle handle, TimeWindow window, GroupBy by, long exactUpTo, boolean percentiles) {
    if (by != GroupBy.NONE && by != GroupBy.JOB_TYPE && by != GroupBy.HOUR) {
      return null;
    }
    Instant from = window.from();
    long first = ExecutionRollups.hourOf(from);
    long last =
        window.endsNow() ? Long.MAX_VALUE : ExecutionRollups.hourOf(window.to().minusNanos(1));
    if (percentiles) {
      long touched =
          bindHours(
                  handle.createQuery(
                      "SELECT COALESCE(SUM(executions), 0) FROM execution_hours"
                          + " WHERE epoch_hour BETWEEN :lo AND :hi"),
                  first,
                  last)
              .mapTo(Long.class)
              .one();
      if (touched <= exactUpTo) {
        return null;
      }
    }
    long lo = first;
    long hi = last;
    var edges = new ArrayList<TimeWindow>(2);
    Instant firstEnd = ExecutionRollups.startOf(first + 1);
    if (anyFinished(handle, ExecutionRollups.startOf(first), from)) {
      lo = first + 1;
      edges.add(new TimeWindow(from, window.endsNow() ? firstEnd : min(firstEnd, window.to())));
    }
    if (!window.endsNow()
        && hi >= lo
        && anyFinished(handle, window.to(), ExecutionRollups.startOf(last + 1))) {
      hi = last - 1;
      edges.add(new TimeWindow(max(ExecutionRollups.startOf(last), from), window.to()));
    }
    var groups = new LinkedHashMap<String, RollupTally>();
    if (lo <= hi) {
      rollups(handle, by, lo, hi, percentiles, groups);
    }
    for (TimeWindow edge : edges) {
      edge(handle, by, edge, percentiles, groups);
    }
    var stats = new ArrayList<ExecutionStats>(groups.size());
    groups.forEach((group, tally) -> stats.add(tally.stats(group, percentiles)));
    if (stats.isEmpty() && by == GroupBy.NONE) {
      stats.add(new RollupTally().stats(ExecutionStats.ALL, percentiles));
    }
    return stats;
  }

  private static Query bindHours(Query query, long lo, long hi) {
    return query.bind("lo", lo).bind("hi", hi);
  }

  /** Whether an execution finished in {@code [from, to)}. */
  private static boolean anyFinished(Handle handle, Instant from, Instant to) {
    if (!from.isBefore(to)) {
      return false;
    }
    return handle
        .createQuery(
            "SELECT 1 FROM job_executions WHERE finished_at >= :from AND finished_at < :to LIMIT 1")
        .bindByType("from", from, Instant.class)
        .bindByType("to", to, Instant.class)
        .mapTo(Integer.class)
        .findOne()
        .isPresent();
  }

  /** Adds the rollups of hours {@code lo} to {@code hi} to the groups. */
  private static void rollups(
      Handle handle,
      GroupBy by,
      long lo,
      long hi,
      boolean percentiles,
      Map<String, RollupTally> groups) {
    String key =
        switch (by) {
          case HOUR -> "epoch_hour";
          case JOB_TYPE -> "job_type";
          default -> null;
        };
    String select = key == null ? "SELECT " : "SELECT " + key + " AS group_key, ";
    String range = " WHERE epoch_hour BETWEEN :lo AND :hi";
    String table = by == GroupBy.JOB_TYPE ? "execution_hour_types" : "execution_hours";
    bindHours(
            handle.createQuery(
                select + SUMS + " FROM " + table + range + (key == null ? "" : " GROUP BY " + key)),
            lo,
            hi)
        .map((rs, ctx) -> add(groups, groupOf(rs, by), rs))
        .forEach(tally -> {});
    if (!percentiles) {
      return;
    }
    bindHours(
            handle.createQuery(
                select
                    + "bucket, SUM(executions) AS executions FROM execution_hour_durations"
                    + range
                    + " GROUP BY "
                    + (key == null ? "" : key + ", ")
                    + "bucket"),
            lo,
            hi)
        .map(
            (rs, ctx) ->
                groups
                    .computeIfAbsent(groupOf(rs, by), g -> new RollupTally())
                    .buckets
                    .merge(rs.getInt("bucket"), rs.getLong("executions"), Long::sum))
        .forEach(count -> {});
  }

  /** Adds the executions that finished in {@code edge}, read one by one, to the groups. */
  private static void edge(
      Handle handle,
      GroupBy by,
      TimeWindow edge,
      boolean percentiles,
      Map<String, RollupTally> groups) {
    String key =
        switch (by) {
          case JOB_TYPE -> "j.job_type";
          case HOUR -> ExecutionRollups.HOUR;
          default -> null;
        };
    String rows =
        "(SELECT "
            + (key == null ? "" : key + " AS group_key, ")
            + "e.status, e.attempt, e.duration_ms, e.started_at FROM job_executions e"
            + (by == GroupBy.JOB_TYPE ? " JOIN jobs j ON j.id = e.job_id" : "")
            + " WHERE e.finished_at >= :from AND e.finished_at < :to) edge";
    String select = key == null ? "SELECT " : "SELECT group_key, ";
    String groupBy = key == null ? "" : " GROUP BY group_key";
    bindEdge(handle.createQuery(select + EDGE_SUMS + " FROM " + rows + groupBy), edge)
        .map((rs, ctx) -> rs.getLong("executions") == 0 ? null : add(groups, groupOf(rs, by), rs))
        .forEach(tally -> {});
    if (!percentiles) {
      return;
    }
    bindEdge(
            handle.createQuery(
                select
                    + "duration_ms, COUNT(*) AS executions FROM "
                    + rows
                    + " WHERE duration_ms IS NOT NULL GROUP BY "
                    + (key == null ? "" : "group_key, ")
                    + "duration_ms"),
            edge)
        .map(
            (rs, ctx) ->
                groups
                    .computeIfAbsent(groupOf(rs, by), g -> new RollupTally())
                    .buckets
                    .merge(
                        DurationBuckets.of(rs.getLong("duration_ms")),
                        rs.getLong("executions"),
                        Long::sum))
        .forEach(count -> {});
  }

  private static Query bindEdge(Query query, TimeWindow edge) {
    return query
        .bindByType("from", edge.from(), Instant.class)
        .bindByType("to", edge.to(), Instant.class);
  }

  /** Adds the row's figures (all but the buckets, which come from their own statement). */
  private static RollupTally add(Map<String, RollupTally> groups, String group, ResultSet rs)
      throws SQLException {
    var row = new RollupTally();
    row.executions = rs.getLong("executions");
    row.success = rs.getLong("success");
    row.failed = rs.getLong("failed");
    row.timedOut = rs.getLong("timed_out");
    row.cancelled = rs.getLong("cancelled");
    row.retries = rs.getLong("retries");
    row.timed = rs.getLong("timed");
    row.durationSum = rs.getLong("duration_sum");
    row.durationMin = nullableLong(rs, "duration_min");
    row.durationMax = nullableLong(rs, "duration_max");
    row.started(RowMappers.instant(rs, "first_started"), RowMappers.instant(rs, "last_started"));
    RollupTally tally = groups.computeIfAbsent(group, g -> new RollupTally());
    tally.add(row);
    return tally;
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static String groupOf(ResultSet rs, GroupBy by) throws SQLException {
    return switch (by) {
      case NONE -> ExecutionStats.ALL;
      case HOUR -> GroupBy.hourKey(ExecutionRollups.startOf(rs.getLong("group_key")));
      default -> rs.getString("group_key");
    };
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
