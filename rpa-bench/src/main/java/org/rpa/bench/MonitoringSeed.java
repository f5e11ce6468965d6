package org.rpa.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * Fills a migrated store with a history of finished jobs in set-based SQL ({@code INSERT … SELECT}
 * from {@code SYSTEM_RANGE} on H2, {@code generate_series} on PostgreSQL), with the columns the
 * store itself writes: 50 job types ({@code p0 … p9} × {@code a0 … a4}), 10 executors, the jobs
 * spread evenly over the 30 days before now, each with one execution per attempt.
 *
 * <p>Per 100 jobs, by {@code (id − 1) mod 100}: 85 complete at the first attempt; 5 after a failed
 * one (a retry); 6 fail for good at the first attempt with a business error; 2 fail three technical
 * attempts; 1 times out (its only attempt); 1 is cancelled while it runs (no duration). That is 109
 * executions per 100 jobs. One job in 20 recorded three steps on its last attempt, the second of
 * which needed healing (healed, not healed, or no alternative, in turn). Not thread-safe.
 */
final class MonitoringSeed {
  /** What was written. */
  record Counts(long jobs, long executions, long steps) {}

  private static final int CHUNK = 100_000;
  private static final long RETRY_DELAY_MS = 60_000;
  private static final Duration HISTORY = Duration.ofDays(30);

  private final boolean postgres;
  private final String base;
  private final long spacingMicros;
  private final long jobs;

  /**
   * @param executions about how many executions to write (109 per 100 jobs)
   * @param now the history ends a little before it
   */
  MonitoringSeed(boolean postgres, long executions, Instant now) {
    this.postgres = postgres;
    this.jobs = Math.max(100, executions * 100 / 109);
    // The last retry ends before now: three attempts a minute apart and a 300 s timeout.
    Instant start = now.minus(HISTORY).truncatedTo(ChronoUnit.SECONDS);
    this.base =
        "TIMESTAMP WITH TIME ZONE '" + start.toString().replace('T', ' ').replace("Z", "+00") + "'";
    this.spacingMicros = (HISTORY.toNanos() / 1000 - 600_000_000L) / jobs;
  }

  Counts seed(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      for (long from = 0; from < jobs; from += CHUNK) {
        s.executeUpdate(insertJobs(from, Math.min(jobs, from + CHUNK) - 1));
      }
      s.execute(
          postgres
              ? "SELECT setval(pg_get_serial_sequence('jobs', 'id'), " + jobs + ")"
              : "ALTER TABLE jobs ALTER COLUMN id RESTART WITH " + (jobs + 1));
      for (long from = 1; from <= jobs; from += CHUNK) {
        long to = Math.min(jobs, from + CHUNK - 1);
        s.executeUpdate(insertExecutions(from, to));
        s.executeUpdate(insertSteps(from, to));
      }
      s.executeUpdate(insertExecutors());
      s.execute(postgres ? "VACUUM ANALYZE" : "ANALYZE");
      return new Counts(
          count(s, "jobs"),
          count(s, "job_executions"),
          count(s, "job_steps WHERE healing IS NOT NULL"));
    }
  }

  private static long count(Statement s, String table) throws SQLException {
    try (var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Jobs {@code from .. to} (0-based; the id is one more), final, with their last attempt. */
  private String insertJobs(long from, long to) {
    String c = "MOD(r.x, 100)";
    String attempts =
        "CASE WHEN " + c + " BETWEEN 85 AND 89 THEN 2 WHEN " + c + " IN (96, 97) THEN 3 ELSE 1 END";
    String status =
        "CASE WHEN "
            + c
            + " < 90 THEN 'COMPLETED' WHEN "
            + c
            + " = 99 THEN 'CANCELLED' ELSE 'FAILED' END";
    String errorType =
        "CASE WHEN "
            + c
            + " < 90 THEN NULL WHEN "
            + c
            + " IN (96, 97) THEN 'PortalUnavailable' WHEN "
            + c
            + " = 98 THEN 'Timeout' WHEN "
            + c
            + " = 99 THEN 'Cancelled'"
            + " ELSE CASE MOD(r.x, 3) WHEN 0 THEN 'ValidationFailed' WHEN 1 THEN 'AccountNotFound'"
            + " ELSE 'OrderRejected' END END";
    String created = plusMicros(base, "r.x * " + spacingMicros);
    String started = plusMillis(created, "(" + attempts + " - 1) * " + RETRY_DELAY_MS + " + 50");
    String finished = plusMillis(started, duration("r.x + 1", attempts, c));
    return "INSERT INTO jobs (id, provider, action, job_type, kind, status, priority, params,"
        + " run_at, deadline, attempts, occurrence, max_attempts, timeout_ms, reference,"
        + " idempotency_key, recurrence, created_at, updated_at, started_at, finished_at, result,"
        + " error_type, error_message, lease_owner)"
        + " SELECT r.x + 1, 'p' || CAST(MOD(r.x, 10) AS VARCHAR),"
        + " 'a' || CAST(MOD(r.x / 10, 5) AS VARCHAR),"
        + " 'p' || CAST(MOD(r.x, 10) AS VARCHAR) || '.a' || CAST(MOD(r.x / 10, 5) AS VARCHAR),"
        + " 'ONE_TIME', "
        + status
        + ", 0, '{\"i\":' || CAST(r.x AS VARCHAR) || '}', "
        + created
        + ", NULL, "
        + attempts
        + ", 1, CASE WHEN "
        + c
        + " = 98 THEN 1 ELSE 3 END, 300000, NULL, NULL, NULL, "
        + created
        + ", "
        + finished
        + ", "
        + started
        + ", "
        + finished
        + ", CASE WHEN "
        + c
        + " < 90 THEN '{}' END, "
        + errorType
        + ", CASE WHEN "
        + c
        + " < 90 THEN NULL WHEN "
        + c
        + " = 99 THEN 'Cancelled by request' ELSE 'seeded failure' END, NULL"
        + range(from, to);
  }

  /** One execution per attempt of jobs {@code from .. to} (ids), in id and attempt order. */
  private String insertExecutions(long from, long to) {
    String c = "MOD(j.id - 1, 100)";
    String last = "a.x = j.attempts";
    String status =
        "CASE WHEN a.x < j.attempts THEN 'FAILED' WHEN j.status = 'COMPLETED' THEN 'SUCCESS'"
            + " WHEN j.status = 'CANCELLED' THEN 'CANCELLED'"
            + " WHEN j.error_type = 'Timeout' THEN 'TIMEOUT' ELSE 'FAILED' END";
    String started = plusMillis("j.created_at", "(a.x - 1) * " + RETRY_DELAY_MS + " + 50");
    String duration = duration("j.id", "a.x", c);
    return "INSERT INTO job_executions (job_id, attempt, occurrence, status, executor, started_at,"
        + " finished_at, duration_ms, result, error_type, error_message)"
        + " SELECT j.id, a.x, 1, "
        + status
        + ", 'bench-executor-' || CAST(MOD(j.id * 7 + a.x, 10) AS VARCHAR), "
        + started
        + ", "
        + plusMillis(started, duration)
        + ", CASE WHEN j.status = 'CANCELLED' THEN NULL ELSE "
        + duration
        + " END, CASE WHEN "
        + last
        + " AND j.status = 'COMPLETED' THEN '{}' END,"
        + " CASE WHEN "
        + last
        + " THEN j.error_type ELSE 'PortalUnavailable' END,"
        + " CASE WHEN "
        + last
        + " THEN j.error_message ELSE 'seeded failure' END"
        + " FROM jobs j JOIN "
        + rangeTable(1, 3, "a")
        + " ON a.x <= j.attempts WHERE j.id BETWEEN "
        + from
        + " AND "
        + to
        + " ORDER BY j.id, a.x";
  }

  /** Three steps on the last attempt of one job in 20; the second needed healing. */
  private String insertSteps(long from, long to) {
    String healing =
        "CASE WHEN s.x <> 2 THEN NULL WHEN MOD(j.id - 1, 60) = 0 THEN 'HEALED'"
            + " WHEN MOD(j.id - 1, 60) = 20 THEN 'NOT_HEALED' ELSE 'NO_ALTERNATIVE' END";
    String outcome =
        "CASE WHEN s.x <> 2 OR MOD(j.id - 1, 60) = 0 THEN"
            + " CASE WHEN s.x = 2 THEN 'HEALED' ELSE 'PASSED' END ELSE 'FAILED' END";
    return "INSERT INTO job_steps (job_id, occurrence, attempt, seq, name, outcome, healing,"
        + " duration_ms, at, details)"
        + " SELECT j.id, 1, j.attempts, s.x, 'step ' || CAST(s.x AS VARCHAR), "
        + outcome
        + ", "
        + healing
        + ", 100, "
        + plusMillis("j.started_at", "s.x * 100")
        + ", '{}' FROM jobs j JOIN "
        + rangeTable(1, 3, "s")
        + " ON 1 = 1 WHERE j.id BETWEEN "
        + from
        + " AND "
        + to
        + " AND MOD(j.id - 1, 20) = 0";
  }

  /** The ten executors, alive for the next hour, as a heartbeat would leave them. */
  private String insertExecutors() {
    String now = "CURRENT_TIMESTAMP";
    return "INSERT INTO executors (id, host, kind, address, capacity, active_jobs, started_at,"
        + " heartbeat_at, lease_until, stopped_at, cpu_percent, memory_bytes, processes)"
        + " SELECT 'bench-executor-' || CAST(r.x AS VARCHAR), 'bench-host-' || CAST(r.x AS"
        + " VARCHAR), 'remote', 'http://127.0.0.1:' || CAST(8621 + r.x AS VARCHAR), 4, 0, "
        + base
        + ", "
        + now
        + ", "
        + plusMillis(now, "3600000")
        + ", NULL, 12.5, 314572800, 3"
        + range(0, 9);
  }

  /**
   * The duration of attempt {@code attempt} of job {@code id}: 200 ms to 6.1 s, longer for some
   * types; a timeout runs its 300 s.
   */
  private static String duration(String id, String attempt, String c) {
    return "(CASE WHEN "
        + c
        + " = 98 THEN 300000 ELSE 200 + MOD("
        + id
        + " - 1, 50) * 60 + MOD("
        + id
        + " * 7919 + "
        + attempt
        + " * 104729, 3000) END)";
  }

  private String range(long from, long to) {
    return " FROM " + rangeTable(from, to, "r");
  }

  /** The integers {@code from .. to} as table {@code alias}, column {@code x}. */
  private String rangeTable(long from, long to, String alias) {
    return postgres
        ? "generate_series(CAST(" + from + " AS BIGINT), " + to + ") AS " + alias + "(x)"
        : "SYSTEM_RANGE(" + from + ", " + to + ") " + alias;
  }

  private String plusMillis(String timestamp, String millis) {
    return postgres
        ? "(" + timestamp + " + (" + millis + ") * INTERVAL '1 millisecond')"
        : "DATEADD(MILLISECOND, " + millis + ", " + timestamp + ")";
  }

  private String plusMicros(String timestamp, String micros) {
    return postgres
        ? "(" + timestamp + " + (" + micros + ") * INTERVAL '1 microsecond')"
        : "DATEADD(MICROSECOND, " + micros + ", " + timestamp + ")";
  }
}
