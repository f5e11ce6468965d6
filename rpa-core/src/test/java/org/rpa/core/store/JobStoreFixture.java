package org.rpa.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.Step;

/**
 * The store under test and the helpers the {@link JobStore} contract's parts share; {@link
 * JobStoreContract} provides the store.
 */
interface JobStoreFixture {
  /** A store on an empty, migrated database, open for the current test. */
  JobStore store();

  static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123456Z");
  static final Set<String> TYPES = Set.of("mfn.validation", "osn.cancellation");

  default NewJob queued(JobRequest request) {
    return new NewJob(request, JobStatus.QUEUED, NOW, 3, Duration.ofMinutes(5));
  }

  default JobId insert(JobRequest request) {
    return store().insert(List.of(queued(request)), NOW).get(0).id();
  }

  /** The job's log as from>to pairs, oldest first. */
  default List<String> logOf(JobId id) {
    var dataSource = ((JdbcJobStore) store()).dataSource();
    try (Connection connection = dataSource.getConnection();
        var statement =
            connection.prepareStatement(
                "SELECT from_status, to_status FROM job_log WHERE job_id = ? ORDER BY id")) {
      statement.setLong(1, id.value());
      var rows = new ArrayList<String>();
      try (var resultSet = statement.executeQuery()) {
        while (resultSet.next()) {
          rows.add(resultSet.getString(1) + ">" + resultSet.getString(2));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  default ExecutorRecord executor(String id, Instant leaseUntil) {
    return new ExecutorRecord(id, "host", "local", null, 4, 0, NOW, NOW, leaseUntil, null, null);
  }

  /** The job's log rows in full (attempt, from, to, at, executor, reason), oldest first. */
  default List<String> logRowsOf(JobId id) {
    var dataSource = ((JdbcJobStore) store()).dataSource();
    try (Connection connection = dataSource.getConnection();
        var statement =
            connection.prepareStatement(
                "SELECT attempt, from_status, to_status, at, executor, reason FROM job_log"
                    + " WHERE job_id = ? ORDER BY id")) {
      statement.setLong(1, id.value());
      var rows = new ArrayList<String>();
      try (var resultSet = statement.executeQuery()) {
        while (resultSet.next()) {
          rows.add(
              String.join(
                  "|",
                  resultSet.getString(1),
                  resultSet.getString(2),
                  resultSet.getString(3),
                  resultSet.getObject(4, java.time.OffsetDateTime.class).toInstant().toString(),
                  resultSet.getString(5),
                  resultSet.getString(6)));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many rows of {@code table} belong to the job. */
  default long rowsOf(String table, JobId id) {
    var dataSource = ((JdbcJobStore) store()).dataSource();
    try (Connection connection = dataSource.getConnection();
        var statement =
            connection.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE job_id = ?")) {
      statement.setLong(1, id.value());
      try (var resultSet = statement.executeQuery()) {
        resultSet.next();
        return resultSet.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  default Transition finish(ClaimedJob job, String owner, JobStatus to) {
    return finish(job, owner, to, List.of());
  }

  default Transition finish(ClaimedJob job, String owner, JobStatus to, List<Step> steps) {
    Instant end = NOW.plusMillis(1500);
    var execution =
        new ExecutionChange(
            1,
            ExecutionStatus.SUCCESS,
            owner,
            Duration.ofMillis(1500),
            Map.of("ok", true),
            null,
            steps);
    var lease = new Transition.Lease(job.id().value(), job.provider(), job.action(), 1, 1, owner);
    return to == JobStatus.COMPLETED
        ? Transition.complete(lease, execution, end, null)
        : Transition.fail(lease, execution, end, null);
  }
}
