package org.rpa.server.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.rpa.automation.evidence.Evidence;
import org.rpa.core.StoreException;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the job store and the evidence directory hold about one data subject (a circuit number, an
 * account or customer reference), for POPIA access and deletion requests.
 *
 * <p>A job is about the subject when a string in its parameters, result or error contains the
 * subject (case-insensitive). Erasure replaces each occurrence with {@value #ERASED} in the job's
 * parameters, result, error, reference and idempotency key (with their dedupe keys), in its
 * executions' results and errors, in its steps' details and its log, in one transaction; then
 * deletes its screenshots. Jobs that have not finished are left alone and reported, since their
 * handler may still write about the subject: the request is repeated once they end. The job rows
 * themselves stay, so counts and metrics do not change.
 *
 * <p>Thread-safe.
 */
public final class SubjectData {
  public static final String ERASED = Redaction.ERASED;

  /** Subjects are identifiers: 4 to 100 characters, no quotes or %, so none can match all. */
  public static final Pattern SUBJECT = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 ._@+/:-]{3,99}$");

  private static final Logger LOG = LoggerFactory.getLogger(SubjectData.class);
  private static final Set<String> FINAL =
      Set.of(JobStatus.COMPLETED.name(), JobStatus.FAILED.name(), JobStatus.CANCELLED.name());

  /** The outcome of an erasure. */
  public record Erasure(List<Long> erasedJobs, List<Long> unfinishedJobs, int screenshotsDeleted) {}

  private final DataSource dataSource;
  private final Evidence evidence;
  private final Clock clock;

  public SubjectData(DataSource dataSource, Evidence evidence, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Ids of the jobs about {@code subject}, oldest first. */
  public List<JobId> find(String subject) {
    Pattern match = pattern(subject);
    try (Connection connection = dataSource.getConnection()) {
      return candidates(connection, subject).stream()
          .filter(row -> row.redacted(match).changed())
          .map(row -> JobId.of(row.id))
          .toList();
    } catch (SQLException e) {
      throw new StoreException("Finding the jobs of a data subject failed", e);
    }
  }

  /** Erases {@code subject} from every finished job about it and deletes their screenshots. */
  public Erasure erase(String subject) {
    Pattern match = pattern(subject);
    List<Long> erased = new ArrayList<>();
    List<Long> unfinished = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        for (Row row : candidates(connection, subject)) {
          Redacted redacted = row.redacted(match);
          if (!redacted.changed()) {
            continue;
          }
          if (!FINAL.contains(row.status) || !eraseJob(connection, row.id, redacted, match)) {
            unfinished.add(row.id);
          } else {
            erased.add(row.id);
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("Erasing a data subject failed", e);
    }
    int screenshots = 0;
    for (long id : erased) {
      screenshots += evidence.deleteJob(JobId.of(id));
    }
    screenshots += evidence.deleteSubject(subject);
    LOG.info(
        "Data subject erased at {}: {} job(s), {} unfinished, {} screenshot(s)",
        clock.instant(),
        erased.size(),
        unfinished.size(),
        screenshots);
    return new Erasure(List.copyOf(erased), List.copyOf(unfinished), screenshots);
  }

  private static Pattern pattern(String subject) {
    if (subject == null || !SUBJECT.matcher(subject.trim()).matches()) {
      throw new IllegalArgumentException("subject must match " + SUBJECT.pattern());
    }
    return Pattern.compile(Pattern.quote(subject.trim()), Pattern.CASE_INSENSITIVE);
  }

  private static List<Row> candidates(Connection connection, String subject) throws SQLException {
    String like = "%" + subject.trim().toLowerCase(Locale.ROOT) + "%";
    String sql =
        "SELECT id, status, params, result, error_message, reference, idempotency_key FROM jobs"
            + " WHERE LOWER(params) LIKE ? OR LOWER(result) LIKE ? OR LOWER(error_message) LIKE ?"
            + " OR LOWER(reference) LIKE ? OR LOWER(idempotency_key) LIKE ?"
            + " OR id IN (SELECT job_id FROM job_executions"
            + "   WHERE LOWER(result) LIKE ? OR LOWER(error_message) LIKE ?)"
            + " ORDER BY id";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 1; i <= 7; i++) {
        statement.setString(i, like);
      }
      List<Row> rows = new ArrayList<>();
      try (ResultSet results = statement.executeQuery()) {
        while (results.next()) {
          rows.add(
              new Row(
                  results.getLong(1),
                  results.getString(2),
                  results.getString(3),
                  results.getString(4),
                  results.getString(5),
                  results.getString(6),
                  results.getString(7)));
        }
      }
      for (Row row : rows) {
        row.executionsMention = mentionedInExecutions(connection, row.id, like);
      }
      return rows;
    }
  }

  private static boolean mentionedInExecutions(Connection connection, long id, String like)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM job_executions WHERE job_id = ?"
                + " AND (LOWER(result) LIKE ? OR LOWER(error_message) LIKE ?)")) {
      statement.setLong(1, id);
      statement.setString(2, like);
      statement.setString(3, like);
      try (ResultSet results = statement.executeQuery()) {
        results.next();
        return results.getLong(1) > 0;
      }
    }
  }

  private static boolean eraseJob(Connection connection, long id, Redacted job, Pattern match)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE jobs SET params = ?, result = ?, error_message = ?, reference = ?,"
                + " idempotency_key = ? WHERE id = ? AND status IN (?, ?, ?)")) {
      update.setString(1, job.params);
      update.setString(2, job.result);
      update.setString(3, job.error);
      update.setString(4, job.reference);
      update.setString(5, job.idempotencyKey);
      update.setLong(6, id);
      int index = 7;
      for (String status : FINAL) {
        update.setString(index++, status);
      }
      if (update.executeUpdate() == 0) {
        return false;
      }
    }
    rewrite(connection, "job_executions", "id", List.of("result", "error_message"), id, match);
    rewrite(
        connection, "job_steps", "occurrence, attempt, seq", List.of("name", "details"), id, match);
    rewrite(connection, "job_log", "id", List.of("reason"), id, match);
    if (job.reference == null) {
      forgetKeys(connection, id, "ref:%");
    }
    if (job.idempotencyKey == null) {
      forgetKeys(connection, id, "key:%");
    }
    return true;
  }

  /** Deletes the job's dedupe keys of one kind ({@code job_keys}): they hold its cleared value. */
  private static void forgetKeys(Connection connection, long jobId, String kind)
      throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM job_keys WHERE job_id = ? AND dedupe_key LIKE ?")) {
      delete.setLong(1, jobId);
      delete.setString(2, kind);
      delete.executeUpdate();
    }
  }

  /** Rewrites the text columns of one job's rows in {@code table} that mention the subject. */
  private static void rewrite(
      Connection connection,
      String table,
      String key,
      List<String> columns,
      long jobId,
      Pattern match)
      throws SQLException {
    String[] keys = key.split(",\\s*");
    String select =
        "SELECT "
            + key
            + ", "
            + String.join(", ", columns)
            + " FROM "
            + table
            + " WHERE job_id = ?";
    StringBuilder assignments = new StringBuilder();
    for (String column : columns) {
      assignments.append(assignments.length() == 0 ? "" : ", ").append(column).append(" = ?");
    }
    StringBuilder where = new StringBuilder(" WHERE job_id = ?");
    for (String column : keys) {
      where.append(" AND ").append(column).append(" = ?");
    }
    String sql = "UPDATE " + table + " SET " + assignments + where;
    try (PreparedStatement query = connection.prepareStatement(select);
        PreparedStatement update = connection.prepareStatement(sql)) {
      query.setLong(1, jobId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          boolean changed = false;
          for (int i = 0; i < columns.size(); i++) {
            String before = rows.getString(keys.length + 1 + i);
            String after = Redaction.redact(before, match);
            changed |= !Objects.equals(before, after);
            update.setString(i + 1, after);
          }
          if (!changed) {
            continue;
          }
          update.setLong(columns.size() + 1, jobId);
          for (int k = 0; k < keys.length; k++) {
            update.setLong(columns.size() + 2 + k, rows.getLong(k + 1));
          }
          update.executeUpdate();
        }
      }
    }
  }

  private record Redacted(
      boolean changed,
      String params,
      String result,
      String error,
      String reference,
      String idempotencyKey) {}

  private static final class Row {
    final long id;
    final String status;
    final String params;
    final String result;
    final String error;
    final String reference;
    final String idempotencyKey;
    boolean executionsMention;

    Row(
        long id,
        String status,
        String params,
        String result,
        String error,
        String reference,
        String idempotencyKey) {
      this.id = id;
      this.status = status;
      this.params = params;
      this.result = result;
      this.error = error;
      this.reference = reference;
      this.idempotencyKey = idempotencyKey;
    }

    Redacted redacted(Pattern match) {
      String newParams = Redaction.redact(params, match);
      String newResult = Redaction.redact(result, match);
      String newError = Redaction.redact(error, match);
      String newReference = reference != null && match.matcher(reference).find() ? null : reference;
      String newKey =
          idempotencyKey != null && match.matcher(idempotencyKey).find() ? null : idempotencyKey;
      boolean changed =
          executionsMention
              || !Objects.equals(params, newParams)
              || !Objects.equals(result, newResult)
              || !Objects.equals(error, newError)
              || !Objects.equals(reference, newReference)
              || !Objects.equals(idempotencyKey, newKey);
      return new Redacted(changed, newParams, newResult, newError, newReference, newKey);
    }
  }
}
