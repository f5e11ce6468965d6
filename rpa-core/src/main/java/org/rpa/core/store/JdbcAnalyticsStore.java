package org.rpa.core.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.statement.Query;
import org.rpa.core.analytics.ExecutionEntry;
import org.rpa.core.analytics.ExecutionFilter;
import org.rpa.core.analytics.ExecutionQuery;
import org.rpa.core.analytics.ExecutionStats;
import org.rpa.core.analytics.GroupBy;
import org.rpa.core.analytics.HealingStats;
import org.rpa.core.analytics.JobCounts;
import org.rpa.core.analytics.LiveCounts;
import org.rpa.core.analytics.OutcomeCounts;
import org.rpa.core.analytics.TimeWindow;
import org.rpa.core.job.Healing;
import org.rpa.core.job.JobId;
import org.rpa.core.job.Page;
import org.rpa.core.metrics.DurationStats;

/**
 * The {@link AnalyticsStore} on the job store's database. A window reads the executions by their
 * finish time ({@code job_executions_finished}); a RUNNING execution has none and is in no window.
 * Statistics are one statement per grouping: a window function ranks each group's durations, and
 * one aggregate over the ranked rows gives the counts, the extremes and the percentiles. Hours are
 * numbered from the epoch in SQL ({@code EXTRACT(EPOCH …) / 3600}), so that neither database's
 * session time zone moves a bucket. Thread-safe.
 */
final class JdbcAnalyticsStore implements AnalyticsStore {
  /**
   * The aggregates over {@code ranked}: the executions of a window, each with its rank by duration
   * in its group ({@code duration_rank}, shortest first, those without a duration last) and how
   * many in its group have a duration ({@code group_durations}). The nearest-rank percentile {@code
   * p} is the duration ranked {@code CEIL(p × group_durations)}. Not {@code PERCENTILE_DISC}: H2
   * picks the value nearest to rank {@code (n − 1) × p + 1}, so that the 90th percentile of seven
   * durations is the sixth on H2 and the seventh on PostgreSQL.
   */
  private static final String STATISTICS =
      "COUNT(*) AS total,"
          + " SUM(CASE WHEN status = 'SUCCESS' THEN 1 ELSE 0 END) AS success,"
          + " SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END) AS failed,"
          + " SUM(CASE WHEN status = 'TIMEOUT' THEN 1 ELSE 0 END) AS timed_out,"
          + " SUM(CASE WHEN status = 'CANCELLED' THEN 1 ELSE 0 END) AS cancelled,"
          + " SUM(CASE WHEN attempt > 1 THEN 1 ELSE 0 END) AS retries,"
          + " COUNT(duration_ms) AS timed, SUM(duration_ms) AS duration_sum,"
          + " MIN(duration_ms) AS duration_min, MAX(duration_ms) AS duration_max,"
          + nearestRank("0.5", "p50")
          + nearestRank("0.9", "p90")
          + nearestRank("0.99", "p99")
          + " MIN(started_at) AS first_started, MAX(started_at) AS last_started";

  /**
   * The duration ranked {@code CEIL(fraction × group_durations)} in its group, as {@code alias}.
   */
  private static String nearestRank(String fraction, String alias) {
    return " MIN(CASE WHEN duration_rank = CEIL("
        + fraction
        + " * group_durations) THEN duration_ms END) AS "
        + alias
        + ",";
  }

  static final String QUEUE_DEPTH = "SELECT COUNT(*) FROM jobs WHERE status = 'QUEUED'";

  /** Read from job_steps_healing, which holds only the steps that needed healing (migration 14). */
  static final String HEALING =
      "SELECT healing, COUNT(*) AS steps FROM job_steps"
          + " WHERE healing IN ('HEALED', 'NOT_HEALED', 'NO_ALTERNATIVE')"
          + " AND at >= :from AND at < :to GROUP BY healing";

  private static final String HOUR = ExecutionRollups.HOUR;

  private static final Comparator<ExecutionStats> MOST_FIRST =
      Comparator.comparingLong(ExecutionStats::total)
          .reversed()
          .thenComparing(ExecutionStats::group);

  /**
   * Up to how many executions in the hours a window touches its statistics rank every execution;
   * above, they add up the hourly rollups ({@link RollupStatistics}).
   */
  static final long EXACT_UP_TO = 10_000;

  private final JdbcJobStore store;
  private final long exactUpTo;

  JdbcAnalyticsStore(JdbcJobStore store) {
    this(store, EXACT_UP_TO);
  }

  /** With another limit of exact statistics: 0 reads every window it can from the rollups. */
  JdbcAnalyticsStore(JdbcJobStore store, long exactUpTo) {
    this.store = store;
    this.exactUpTo = exactUpTo;
  }

  @Override
  public List<ExecutionStats> statistics(TimeWindow window, GroupBy by, boolean percentiles) {
    List<ExecutionStats> rolledUp =
        store.read(
            "statistics",
            handle -> RollupStatistics.of(handle, window, by, exactUpTo, percentiles));
    if (rolledUp != null) {
      return sorted(rolledUp, by);
    }
    List<ExecutionStats> ranked =
        window.endsNow()
            ? statistics(
                by,
                " WHERE e.finished_at >= :from",
                query -> query.bindByType("from", window.from(), Instant.class))
            : statistics(
                by,
                " WHERE e.finished_at >= :from AND e.finished_at < :to",
                query ->
                    query
                        .bindByType("from", window.from(), Instant.class)
                        .bindByType("to", window.to(), Instant.class));
    return percentiles
        ? ranked
        : ranked.stream().map(JdbcAnalyticsStore::withoutPercentiles).toList();
  }

  private static ExecutionStats withoutPercentiles(ExecutionStats s) {
    return s.withDurations(s.durations().withoutPercentiles());
  }

  @Override
  public ExecutionStats jobStatistics(JobId job) {
    return statistics(
            GroupBy.NONE,
            " WHERE e.job_id = :job AND e.finished_at IS NOT NULL",
            query -> query.bind("job", job.value()))
        .get(0);
  }

  /** The statistics of the executions {@code where} selects, grouped {@code by}. */
  private List<ExecutionStats> statistics(GroupBy by, String where, UnaryOperator<Query> bindings) {
    String key = keyOf(by);
    String partition = key == null ? "" : "PARTITION BY " + key + " ";
    String sql =
        "WITH ranked AS (SELECT "
            + (key == null ? "" : key + " AS group_key, ")
            + "e.status, e.attempt, e.duration_ms, e.started_at,"
            + " ROW_NUMBER() OVER ("
            + partition
            + "ORDER BY e.duration_ms NULLS LAST) AS duration_rank,"
            + " COUNT(e.duration_ms) OVER ("
            + partition.trim()
            + ") AS group_durations"
            + " FROM job_executions e"
            + (by == GroupBy.JOB_TYPE ? " JOIN jobs j ON j.id = e.job_id" : "")
            + where
            + (by == GroupBy.ERROR_TYPE ? " AND e.error_type IS NOT NULL" : "")
            + ") SELECT "
            + (key == null ? "" : "group_key, ")
            + STATISTICS
            + " FROM ranked"
            + (key == null ? "" : " GROUP BY group_key");
    List<ExecutionStats> groups =
        store.read(
            "statistics",
            handle ->
                bindings
                    .apply(handle.createQuery(sql))
                    .map((rs, ctx) -> stats(rs, groupOf(rs, by)))
                    .list());
    return sorted(groups, by);
  }

  private static List<ExecutionStats> sorted(List<ExecutionStats> groups, GroupBy by) {
    var sorted = new ArrayList<>(groups);
    sorted.sort(by == GroupBy.HOUR ? Comparator.comparing(ExecutionStats::group) : MOST_FIRST);
    return List.copyOf(sorted);
  }

  private static String keyOf(GroupBy by) {
    return switch (by) {
      case NONE -> null;
      case JOB_TYPE -> "j.job_type";
      case EXECUTOR -> "e.executor";
      case HOUR -> HOUR;
      case ERROR_TYPE -> "e.error_type";
    };
  }

  private static String groupOf(ResultSet rs, GroupBy by) throws SQLException {
    return switch (by) {
      case NONE -> ExecutionStats.ALL;
      case HOUR -> GroupBy.hourKey(Instant.ofEpochSecond(rs.getLong("group_key") * 3600));
      default -> rs.getString("group_key");
    };
  }

  private static ExecutionStats stats(ResultSet rs, String group) throws SQLException {
    long timed = rs.getLong("timed");
    var durations =
        timed == 0
            ? DurationStats.EMPTY
            : new DurationStats(
                timed,
                (double) rs.getLong("duration_sum") / timed,
                rs.getLong("duration_min"),
                rs.getLong("duration_max"),
                rs.getLong("p50"),
                rs.getLong("p90"),
                rs.getLong("p99"));
    return new ExecutionStats(
        group,
        rs.getLong("total"),
        rs.getLong("success"),
        rs.getLong("failed"),
        rs.getLong("timed_out"),
        rs.getLong("cancelled"),
        rs.getLong("retries"),
        durations,
        RowMappers.instant(rs, "first_started"),
        RowMappers.instant(rs, "last_started"));
  }

  @Override
  public JobCounts jobCounts() {
    return store.read("job counts", JobCountQueries::jobCounts);
  }

  @Override
  public LiveCounts liveCounts() {
    return store.read("live counts", JobCountQueries::live);
  }

  @Override
  public OutcomeCounts outcomes(TimeWindow window) {
    return store.read("outcomes", handle -> JobCountQueries.outcomes(handle, window));
  }

  @Override
  public long queueDepth() {
    return store.read(
        "queue depth", handle -> handle.createQuery(QUEUE_DEPTH).mapTo(Long.class).one());
  }

  @Override
  public List<ClaimBatchRow> claimBatches() {
    return store.read("claim batches", InFlightQueries::batches);
  }

  @Override
  public Map<String, Long> queuedByType() {
    return store.read("queued by type", InFlightQueries::queuedByType);
  }

  @Override
  public Page<ExecutionEntry> executions(ExecutionQuery query) {
    return store.read(
        "executions", handle -> ExecutionQueries.page(handle, store.dialect(), query));
  }

  @Override
  public long countExecutions(ExecutionFilter filter) {
    return store.read("count executions", handle -> ExecutionQueries.count(handle, filter));
  }

  @Override
  public HealingStats healing(TimeWindow window) {
    var counts =
        store.read(
            "healing",
            handle ->
                handle
                    .createQuery(HEALING)
                    .bindByType("from", window.from(), Instant.class)
                    .bindByType("to", window.to(), Instant.class)
                    .reduceRows(
                        new EnumMap<Healing, Long>(Healing.class),
                        (map, row) -> {
                          map.put(
                              Healing.valueOf(row.getColumn("healing", String.class)),
                              row.getColumn("steps", Long.class));
                          return map;
                        }));
    return new HealingStats(
        counts.getOrDefault(Healing.HEALED, 0L),
        counts.getOrDefault(Healing.NOT_HEALED, 0L),
        counts.getOrDefault(Healing.NO_ALTERNATIVE, 0L));
  }
}
