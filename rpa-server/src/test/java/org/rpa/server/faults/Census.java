package org.rpa.server.faults;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.rpa.server.Cluster;

/**
 * What the database says of a set of jobs: how many exist, how many are final, which succeeded
 * twice, and how long after a fault each job it caught moved on. Reads with plain JDBC, one
 * connection per question, so that it works again as soon as PostgreSQL is back.
 */
final class Census {
  static final String FINAL = "('COMPLETED', 'FAILED', 'CANCELLED')";

  /** A job of a fault's snapshot and when it moved on after the fault (null: not yet). */
  record Rescue(long id, String owner, Duration after) {}

  private final String databaseUrl;
  private final BooleanSupplier readable;

  /** A census of the database at {@code databaseUrl}, read only while {@code readable} holds. */
  Census(String databaseUrl, BooleanSupplier readable) {
    this.databaseUrl = databaseUrl;
    this.readable = readable;
  }

  /**
   * Takes {@code LOCK TABLE jobs IN EXCLUSIVE MODE} (PostgreSQL) in a transaction of its own, held
   * until the returned handle is closed: reads go on, every write and every claim of every
   * orchestrator waits for it.
   */
  AutoCloseable lockJobs() throws SQLException {
    Connection connection = DriverManager.getConnection(databaseUrl);
    try {
      connection.setAutoCommit(false);
      try (var statement = connection.createStatement()) {
        statement.execute("LOCK TABLE jobs IN ACCESS EXCLUSIVE MODE");
      }
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return () -> {
      try (connection) {
        connection.rollback();
      }
    };
  }

  long found(Collection<Long> ids) {
    return count("SELECT COUNT(*) FROM jobs WHERE id = ANY(?)", ids);
  }

  long finals(Collection<Long> ids) {
    return count("SELECT COUNT(*) FROM jobs WHERE status IN " + FINAL + " AND id = ANY(?)", ids);
  }

  /** Jobs stored under these submit keys: created although the client heard no 2xx. */
  long storedUnder(Collection<String> keys) {
    return Long.parseLong(
        rows("SELECT COUNT(*) FROM jobs WHERE idempotency_key = ANY(?)", "varchar", keys)
            .get(0)
            .get(0));
  }

  /** Jobs by status, for the matrix's detail and for a failure's message. */
  Map<String, Long> byStatus(Collection<Long> ids) {
    var counts = new HashMap<String, Long>();
    for (List<String> row :
        rows("SELECT status, COUNT(*) FROM jobs WHERE id = ANY(?) GROUP BY status", ids)) {
      counts.put(row.get(0), Long.parseLong(row.get(1)));
    }
    return counts;
  }

  /** Jobs with more than one successful execution of one occurrence. */
  List<Long> succeededTwice(Collection<Long> ids) {
    return rows(
            "SELECT job_id FROM job_executions WHERE status = 'SUCCESS' AND job_id = ANY(?)"
                + " GROUP BY job_id, occurrence HAVING COUNT(*) > 1",
            ids)
        .stream()
        .map(row -> Long.parseLong(row.get(0)))
        .toList();
  }

  /** Jobs that ran more than once (a retry, each attempt with its own idempotency key). */
  long reRun(Collection<Long> ids) {
    return count("SELECT COUNT(*) FROM jobs WHERE attempts > 1 AND id = ANY(?)", ids);
  }

  /** The jobs an executor held (CLAIMED or RUNNING) now, with their owner. */
  Map<Long, String> leased() {
    var leased = new HashMap<Long, String>();
    for (List<String> row :
        rows(
            "SELECT id, lease_owner FROM jobs WHERE status IN ('CLAIMED', 'RUNNING')", List.of())) {
      leased.put(Long.parseLong(row.get(0)), row.get(1));
    }
    return leased;
  }

  /**
   * For each job of {@code caught}, how long after {@code at} it reached a final status or started
   * RUNNING on an executor other than the one that held it at the fault.
   */
  List<Rescue> rescues(Map<Long, String> caught, Instant at) {
    var moved = new HashMap<Long, Duration>();
    String sql =
        "SELECT job_id, to_status, executor, at FROM job_log WHERE job_id = ANY(?) AND at > ?"
            + " ORDER BY id";
    try (Connection connection = connect(sql);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setArray(1, array(connection, caught.keySet()));
      // An engine stamps a change before it commits it: a job seen leased at the fault may have
      // a change stamped just before it.
      statement.setTimestamp(2, Timestamp.from(at.minusSeconds(1)));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          long id = rows.getLong(1);
          String to = rows.getString(2);
          String executor = rows.getString(3);
          boolean onward =
              FINAL.contains("'" + to + "'")
                  || (to.equals("RUNNING") && !String.valueOf(executor).equals(caught.get(id)));
          if (onward && !moved.containsKey(id)) {
            Duration after = Duration.between(at, rows.getTimestamp(4).toInstant());
            moved.put(id, after.isNegative() ? Duration.ZERO : after);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
    var rescues = new ArrayList<Rescue>();
    caught.forEach((id, owner) -> rescues.add(new Rescue(id, owner, moved.get(id))));
    return rescues;
  }

  /** A job's log, for a finding's evidence. */
  List<List<String>> log(long id) {
    return rows(
        "SELECT attempt, from_status, to_status, at, executor, reason FROM job_log"
            + " WHERE job_id = ANY(?) ORDER BY id",
        List.of(id));
  }

  /** Writes the log of {@code ids}, one change a line in time order, to {@code file}. */
  void dumpLog(Collection<Long> ids, java.nio.file.Path file) throws java.io.IOException {
    var lines = new ArrayList<String>();
    lines.add("at,job_id,attempt,from_status,to_status,executor,reason");
    for (List<String> row :
        rows(
            "SELECT at, job_id, attempt, from_status, to_status, executor, reason FROM job_log"
                + " WHERE job_id = ANY(?) ORDER BY at, id",
            ids)) {
      lines.add(String.join(",", row));
    }
    java.nio.file.Files.write(file, lines);
  }

  private long count(String sql, Collection<Long> ids) {
    return Long.parseLong(rows(sql, ids).get(0).get(0));
  }

  private List<List<String>> rows(String sql, Collection<Long> ids) {
    return rows(sql, "bigint", ids);
  }

  private List<List<String>> rows(String sql, String type, Collection<?> values) {
    try (Connection connection = connect(sql);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      if (sql.contains("?")) {
        statement.setArray(1, connection.createArrayOf(type, values.toArray()));
      }
      try (ResultSet rows = statement.executeQuery()) {
        return Cluster.strings(rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private Connection connect(String sql) throws SQLException {
    if (!readable.getAsBoolean()) {
      throw new IllegalStateException("the database cannot be read now, for " + sql);
    }
    return DriverManager.getConnection(databaseUrl);
  }

  private static Array array(Connection connection, Collection<Long> ids) throws SQLException {
    return connection.createArrayOf("bigint", ids.toArray());
  }
}
