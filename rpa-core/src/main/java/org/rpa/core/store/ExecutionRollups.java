package org.rpa.core.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.rpa.core.job.ExecutionStatus;

/**
 * The hourly rollups of the finished executions. Per UTC hour (numbered from the epoch): a row of
 * what {@link RollupTally} adds up over every execution ({@code execution_hours}), one per job type
 * ({@code execution_hour_types}), and one per job type and duration bucket ({@code
 * execution_hour_durations}). They are written in the transaction that finishes the executions, so
 * that they always agree with {@code job_executions}; they stay when a job is deleted, until the
 * retention purge reaches their hour. Statistics of long windows read them instead of every
 * execution ({@link RollupStatistics}).
 *
 * <p>Each batch adds to the rows of the hours and types it finished: PostgreSQL's {@code INSERT …
 * ON CONFLICT DO UPDATE}, whose row lock serializes concurrent writers without losing an increment;
 * H2's {@code MERGE}, one row at a time, repeated once when another transaction inserted the same
 * new row first. Rows are written in key order, so that two batches never wait on each other in a
 * cycle.
 */
final class ExecutionRollups {
  private ExecutionRollups() {}

  /** One execution finished by a batch: what its hour's rows add up. */
  record Finished(
      String jobType,
      Instant startedAt,
      Instant finishedAt,
      ExecutionStatus status,
      int attempt,
      Long durationMs) {}

  /** A row's key: the hour and the job type. */
  record Key(long hour, String jobType) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      int byHour = Long.compare(hour, other.hour);
      return byHour != 0 ? byHour : jobType.compareTo(other.jobType);
    }
  }

  /** The hour since the epoch (UTC) that {@code at} falls in. */
  static long hourOf(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), 3600);
  }

  /** The first instant of {@code hour}. */
  static Instant startOf(long hour) {
    return Instant.ofEpochSecond(hour * 3600);
  }

  /** Adds {@code finished} to the rollups, in the caller's transaction. */
  static void record(Handle handle, SqlDialect dialect, List<Finished> finished) {
    if (finished.isEmpty()) {
      return;
    }
    var types = new TreeMap<Key, RollupTally>();
    for (Finished f : finished) {
      types
          .computeIfAbsent(new Key(hourOf(f.finishedAt()), f.jobType()), key -> new RollupTally())
          .add(f.status(), f.attempt(), f.durationMs(), f.startedAt());
    }
    var hours = new TreeMap<Long, RollupTally>();
    types.forEach(
        (key, tally) -> hours.computeIfAbsent(key.hour(), h -> new RollupTally()).add(tally));
    boolean h2 = dialect == SqlDialect.H2;
    upsert(
        handle,
        h2,
        h2 ? MERGE_HOUR : UPSERT_HOUR,
        hours.entrySet(),
        (row, entry) -> bindFigures(row.set(entry.getKey()), entry.getValue()));
    upsert(
        handle,
        h2,
        h2 ? MERGE_TYPE : UPSERT_TYPE,
        types.entrySet(),
        (row, entry) ->
            bindFigures(
                row.set(entry.getKey().hour()).set(entry.getKey().jobType()), entry.getValue()));
    var buckets = new ArrayList<Map.Entry<Key, Map.Entry<Integer, Long>>>();
    types.forEach(
        (key, tally) -> tally.buckets.entrySet().forEach(b -> buckets.add(Map.entry(key, b))));
    upsert(
        handle,
        h2,
        h2 ? MERGE_DURATION : UPSERT_DURATION,
        buckets,
        (row, entry) ->
            row.set(entry.getKey().hour())
                .set(entry.getKey().jobType())
                .set(entry.getValue().getKey())
                .set(entry.getValue().getValue()));
  }

  /** Binds one row of a statement. */
  private interface Binder<T> {
    void bind(RowBatch row, T value);
  }

  /**
   * Runs {@code sql} for each value in order: as one batch on PostgreSQL, one statement at a time
   * on H2, where a statement that lost the race to insert a new row is repeated once, which then
   * updates that row (a failed statement leaves H2's transaction open).
   */
  private static <T> void upsert(
      Handle handle, boolean h2, String sql, Iterable<T> values, Binder<T> binder) {
    try (RowBatch rows = RowBatch.of(handle, "rollup", sql)) {
      for (T value : values) {
        binder.bind(rows, value);
        if (!h2) {
          rows.add();
          continue;
        }
        try {
          rows.update();
        } catch (RuntimeException e) {
          if (!JdbcJobStore.isUniqueViolation(e)) {
            throw e;
          }
          binder.bind(rows, value);
          rows.update();
        }
      }
      rows.execute();
    }
  }

  private static void bindFigures(RowBatch row, RollupTally t) {
    row.set(t.executions)
        .set(t.success)
        .set(t.failed)
        .set(t.timedOut)
        .set(t.cancelled)
        .set(t.retries)
        .set(t.timed)
        .set(t.durationSum)
        .set(t.durationMin)
        .set(t.durationMax)
        .set(t.firstStarted)
        .set(t.lastStarted);
  }

  /**
   * Rebuilds the rollups from {@code job_executions}: for executions written around the store
   * (migration of an older schema, a bulk import).
   */
  static void rebuild(Handle handle) {
    for (String table : TABLES) {
      handle.execute("DELETE FROM " + table);
    }
    String finished =
        " FROM (SELECT "
            + HOUR
            + " AS epoch_hour, j.job_type, e.status, e.attempt, e.duration_ms, e.started_at"
            + " FROM job_executions e JOIN jobs j ON j.id = e.job_id"
            + " WHERE e.finished_at IS NOT NULL) finished";
    handle.execute(
        "INSERT INTO execution_hours (epoch_hour, "
            + FIGURES
            + ") SELECT epoch_hour, "
            + AGGREGATES
            + finished
            + " GROUP BY epoch_hour");
    handle.execute(
        "INSERT INTO execution_hour_types (epoch_hour, job_type, "
            + FIGURES
            + ") SELECT epoch_hour, job_type, "
            + AGGREGATES
            + finished
            + " GROUP BY epoch_hour, job_type");
    var buckets = new TreeMap<Key, TreeMap<Integer, Long>>();
    handle
        .createQuery(
            "SELECT epoch_hour, job_type, duration_ms, COUNT(*) AS executions"
                + finished
                + " WHERE duration_ms IS NOT NULL GROUP BY epoch_hour, job_type, duration_ms")
        .setFetchSize(10_000)
        .map(
            (rs, ctx) -> {
              buckets
                  .computeIfAbsent(
                      new Key(rs.getLong("epoch_hour"), rs.getString("job_type")),
                      k -> new TreeMap<>())
                  .merge(
                      DurationBuckets.of(rs.getLong("duration_ms")),
                      rs.getLong("executions"),
                      Long::sum);
              return 0;
            })
        .forEach(row -> {});
    try (RowBatch rows = RowBatch.of(handle, "rollup", INSERT_DURATION)) {
      for (Map.Entry<Key, TreeMap<Integer, Long>> entry : buckets.entrySet()) {
        for (Map.Entry<Integer, Long> bucket : entry.getValue().entrySet()) {
          rows.set(entry.getKey().hour())
              .set(entry.getKey().jobType())
              .set(bucket.getKey())
              .set(bucket.getValue())
              .add();
        }
        if (rows.rows() >= 1000) {
          rows.execute();
        }
      }
      rows.execute();
    }
  }

  /** Deletes the rows of the hours that ended before the hour of {@code cutoff}. */
  static void purge(Handle handle, Instant cutoff) {
    long hour = hourOf(cutoff);
    for (String table : TABLES) {
      handle
          .createUpdate("DELETE FROM " + table + " WHERE epoch_hour < :hour")
          .bind("hour", hour)
          .execute();
    }
  }

  private static final List<String> TABLES =
      List.of("execution_hour_durations", "execution_hour_types", "execution_hours");

  /** The hour of {@code e.finished_at}, numbered from the epoch, in SQL. */
  static final String HOUR = "CAST(FLOOR(EXTRACT(EPOCH FROM e.finished_at) / 3600) AS BIGINT)";

  /** The columns of what a row adds up, after its key. */
  static final String FIGURES =
      "executions, success, failed, timed_out, cancelled, retries, timed, duration_sum,"
          + " duration_min, duration_max, first_started, last_started";

  /** {@link #FIGURES} of a set of executions ({@code status}, {@code attempt}, …). */
  static final String AGGREGATES =
      "COUNT(*), SUM(CASE WHEN status = 'SUCCESS' THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN status = 'TIMEOUT' THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN status = 'CANCELLED' THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN attempt > 1 THEN 1 ELSE 0 END),"
          + " COUNT(duration_ms), COALESCE(SUM(duration_ms), 0), MIN(duration_ms),"
          + " MAX(duration_ms), MIN(started_at), MAX(started_at)";

  private static final List<String> ADDED =
      List.of(
          "executions",
          "success",
          "failed",
          "timed_out",
          "cancelled",
          "retries",
          "timed",
          "duration_sum");

  /** What an existing row ({@code t}) becomes with the new one ({@code s}) added. */
  private static String sums(String t, String s) {
    var sums = new ArrayList<String>();
    for (String column : ADDED) {
      sums.add(column + " = " + t + "." + column + " + " + s + "." + column);
    }
    sums.add(extreme("LEAST", "duration_min", t, s));
    sums.add(extreme("GREATEST", "duration_max", t, s));
    sums.add(extreme("LEAST", "first_started", t, s));
    sums.add(extreme("GREATEST", "last_started", t, s));
    return String.join(", ", sums);
  }

  /** {@code LEAST} or {@code GREATEST} of two nullable values; H2's is null when one is. */
  private static String extreme(String function, String column, String t, String s) {
    String a = t + "." + column;
    String b = s + "." + column;
    return column
        + " = "
        + function
        + "(COALESCE("
        + a
        + ", "
        + b
        + "), COALESCE("
        + b
        + ", "
        + a
        + "))";
  }

  private static String placeholders(int count) {
    return "(" + String.join(", ", java.util.Collections.nCopies(count, "?")) + ")";
  }

  /** PostgreSQL: the row, or its figures added to the row of its key. */
  private static String upsert(String table, String keys) {
    int columns = keys.split(", ").length + FIGURES.split(", ").length;
    return "INSERT INTO "
        + table
        + " ("
        + keys
        + ", "
        + FIGURES
        + ") VALUES "
        + placeholders(columns)
        + " ON CONFLICT ("
        + keys
        + ") DO UPDATE SET "
        + sums(table, "EXCLUDED");
  }

  /** H2: the same as a {@code MERGE}, its values typed as the table's columns. */
  private static String merge(String table, String keys) {
    var values = new ArrayList<String>();
    var on = new ArrayList<String>();
    for (String key : keys.split(", ")) {
      values.add(
          "CAST(? AS " + (key.equals("job_type") ? "VARCHAR(129)" : "BIGINT") + ") AS " + key);
      on.add("t." + key + " = s." + key);
    }
    for (String figure : FIGURES.split(", ")) {
      values.add(
          "CAST(? AS "
              + (figure.endsWith("_started") ? "TIMESTAMP WITH TIME ZONE" : "BIGINT")
              + ") AS "
              + figure);
    }
    String all = keys + ", " + FIGURES;
    return "MERGE INTO "
        + table
        + " t USING (SELECT "
        + String.join(", ", values)
        + ") s ON "
        + String.join(" AND ", on)
        + " WHEN MATCHED THEN UPDATE SET "
        + sums("t", "s")
        + " WHEN NOT MATCHED THEN INSERT ("
        + all
        + ") VALUES (s."
        + String.join(", s.", all.split(", "))
        + ")";
  }

  private static final String UPSERT_HOUR = upsert("execution_hours", "epoch_hour");
  private static final String MERGE_HOUR = merge("execution_hours", "epoch_hour");
  private static final String UPSERT_TYPE = upsert("execution_hour_types", "epoch_hour, job_type");
  private static final String MERGE_TYPE = merge("execution_hour_types", "epoch_hour, job_type");

  private static final String INSERT_DURATION =
      "INSERT INTO execution_hour_durations (epoch_hour, job_type, bucket, executions)"
          + " VALUES (?, ?, ?, ?)";

  private static final String UPSERT_DURATION =
      INSERT_DURATION
          + " ON CONFLICT (epoch_hour, job_type, bucket) DO UPDATE SET executions ="
          + " execution_hour_durations.executions + EXCLUDED.executions";

  private static final String MERGE_DURATION =
      "MERGE INTO execution_hour_durations t USING (SELECT CAST(? AS BIGINT) AS epoch_hour,"
          + " CAST(? AS VARCHAR(129)) AS job_type, CAST(? AS INTEGER) AS bucket,"
          + " CAST(? AS BIGINT) AS executions) s"
          + " ON t.epoch_hour = s.epoch_hour AND t.job_type = s.job_type AND t.bucket = s.bucket"
          + " WHEN MATCHED THEN UPDATE SET executions = t.executions + s.executions"
          + " WHEN NOT MATCHED THEN INSERT (epoch_hour, job_type, bucket, executions)"
          + " VALUES (s.epoch_hour, s.job_type, s.bucket, s.executions)";
}
