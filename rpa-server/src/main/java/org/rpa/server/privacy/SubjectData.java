package org.rpa.server.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
 * <p>A job is about the subject when its reference or idempotency key is the subject, or when a
 * value in its parameters, result or error, or in its executions' results and errors, its steps'
 * names and details or its log, names the subject whole ({@link SubjectMatch}): exactly, case
 * included, and never as a part of a longer identifier, so {@code MFN-1000} finds nothing of {@code
 * MFN-100015}. Erasure replaces each whole mention with {@value #ERASED} (a JSON value that is the
 * subject becomes {@value #ERASED}) and clears a reference or idempotency key that is the subject,
 * with its dedupe keys, and in the jobs so found also the names of the screenshots their steps made
 * from the subject, in one transaction; then deletes the job's screenshots, and those of any job
 * whose recorded subject it is. Rows without a mention are never written. Jobs that have not
 * finished are left alone and reported, since their handler may still write about the subject: the
 * request is repeated once they end. The job rows themselves stay, so counts and metrics do not
 * change.
 *
 * <p>Thread-safe.
 */
public final class SubjectData {
  public static final String ERASED = Redaction.ERASED;

  /**
   * Subjects are identifiers: 4 to 100 letters, digits, spaces or {@code ._@+/:%-}, starting with a
   * letter or digit.
   */
  public static final Pattern SUBJECT = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 ._@+/:%-]{3,99}$");

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
    SubjectMatch match = SubjectMatch.of(subject);
    try (Connection connection = dataSource.getConnection()) {
      List<JobId> found = new ArrayList<>();
      for (Row row : candidates(connection, match)) {
        if (row.redacted(match).changed() || JobHistory.mentions(connection, row.id, match)) {
          found.add(JobId.of(row.id));
        }
      }
      return List.copyOf(found);
    } catch (SQLException e) {
      throw new StoreException("Finding the jobs of a data subject failed", e);
    }
  }

  /** Erases {@code subject} from every finished job about it and deletes their screenshots. */
  public Erasure erase(String subject) {
    SubjectMatch match = SubjectMatch.of(subject);
    List<Long> erased = new ArrayList<>();
    List<Long> unfinished = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        for (Row row : candidates(connection, match)) {
          if (!row.redacted(match).changed() && !JobHistory.mentions(connection, row.id, match)) {
            continue;
          }
          // Found by the subject itself; erased with the screenshot names it gave too.
          SubjectMatch erasing = match.withScreenshotNames();
          Redacted redacted = row.redacted(erasing);
          if (!FINAL.contains(row.status) || !eraseJob(connection, row.id, redacted, erasing)) {
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
    screenshots += evidence.deleteSubject(match.subject());
    LOG.info(
        "Data subject erased at {}: {} job(s), {} unfinished, {} screenshot(s)",
        clock.instant(),
        erased.size(),
        unfinished.size(),
        screenshots);
    return new Erasure(List.copyOf(erased), List.copyOf(unfinished), screenshots);
  }

  /**
   * The jobs whose row or history contains the subject anywhere (a LIKE sieve, wildcards escaped);
   * {@link SubjectMatch} then decides which of them name it whole.
   */
  private static List<Row> candidates(Connection connection, SubjectMatch match)
      throws SQLException {
    String sql =
        "SELECT id, status, params, result, error_message, reference, idempotency_key FROM jobs"
            + " WHERE params LIKE ? ESCAPE '\\' OR result LIKE ? ESCAPE '\\'"
            + " OR error_message LIKE ? ESCAPE '\\' OR reference LIKE ? ESCAPE '\\'"
            + " OR idempotency_key LIKE ? ESCAPE '\\' OR "
            + JobHistory.CANDIDATES
            + " ORDER BY id";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 1; i <= 5 + JobHistory.LIKE_PARAMETERS; i++) {
        statement.setString(i, match.like());
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
      return rows;
    }
  }

  private static boolean eraseJob(Connection connection, long id, Redacted job, SubjectMatch match)
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
    JobHistory.erase(connection, id, match);
    if (job.referenceCleared) {
      forgetKeys(connection, id, "ref:%");
    }
    if (job.idempotencyKeyCleared) {
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

  /** A job's new values; a reference or idempotency key that is the subject is cleared. */
  private record Redacted(
      boolean changed,
      String params,
      String result,
      String error,
      String reference,
      String idempotencyKey,
      boolean referenceCleared,
      boolean idempotencyKeyCleared) {}

  private record Row(
      long id,
      String status,
      String params,
      String result,
      String error,
      String reference,
      String idempotencyKey) {

    Redacted redacted(SubjectMatch match) {
      String newParams = Redaction.redact(params, match);
      String newResult = Redaction.redact(result, match);
      String newError = JobHistory.fit(Redaction.redact(error, match), 4000);
      boolean clearReference = match.is(reference);
      boolean clearKey = match.is(idempotencyKey);
      boolean changed =
          clearReference
              || clearKey
              || !Objects.equals(params, newParams)
              || !Objects.equals(result, newResult)
              || !Objects.equals(error, newError);
      return new Redacted(
          changed,
          newParams,
          newResult,
          newError,
          clearReference ? null : reference,
          clearKey ? null : idempotencyKey,
          clearReference,
          clearKey);
    }
  }
}
