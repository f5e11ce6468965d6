package org.rpa.core.store;

import java.util.List;
import java.util.Objects;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobStatus;

/**
 * The texts the store holds about jobs, for finding and erasing one data subject (a privacy
 * request): a job's parameters, result, error, reference and idempotency key, and its history's
 * executions, steps and log. The store only finds and writes; what counts as the subject in a text
 * is the caller's rule ({@code org.rpa.core.privacy.SubjectRule}).
 *
 * <p>Thread-safe. Every method throws {@link org.rpa.core.StoreException} when the database fails.
 */
public interface SubjectStore {

  /**
   * The jobs whose row or history contains {@code text} anywhere, oldest first: a cheap sieve (SQL
   * {@code LIKE}, with its wildcards in {@code text} escaped), which finds more than the subject's
   * jobs and never fewer.
   */
  List<JobTexts> candidates(String text);

  /** The texts of one job's history: executions' results and errors, steps, log reasons. */
  List<HistoryText> history(JobId id);

  /**
   * Writes the erasures in one transaction. A job is written only while it is finished (COMPLETED,
   * FAILED or CANCELLED), its history's texts only with it; a reference or idempotency key that an
   * erasure clears loses its dedupe key too, so it may be used again. A text longer than its column
   * is cut to fit.
   *
   * @return the jobs written, in order; the others had not finished
   */
  List<JobId> erase(List<JobErasure> erasures);

  /** A job's own texts, as stored. */
  record JobTexts(
      JobId id,
      JobStatus status,
      String params,
      String result,
      String error,
      String reference,
      String idempotencyKey) {}

  /** Where a text of a job's history is kept. */
  enum Place {
    EXECUTION_RESULT("job_executions", List.of("id"), "result", 1_000_000),
    EXECUTION_ERROR("job_executions", List.of("id"), "error_message", 4000),
    STEP_NAME("job_steps", List.of("occurrence", "attempt", "seq"), "name", 255),
    STEP_DETAILS("job_steps", List.of("occurrence", "attempt", "seq"), "details", 100_000),
    LOG_REASON("job_log", List.of("id"), "reason", 255);

    final String table;
    final List<String> keys;
    final String column;
    final int size;

    Place(String table, List<String> keys, String column, int size) {
      this.table = table;
      this.keys = keys;
      this.column = column;
      this.size = size;
    }
  }

  /**
   * One text of a job's history.
   *
   * @param row the row's key within the job, in the store's terms
   * @param text null where the column is empty
   */
  record HistoryText(JobId job, Place place, List<Long> row, String text) {
    public HistoryText {
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(place, "place");
      row = List.copyOf(row);
    }

    /** The same place with another text. */
    public HistoryText withText(String replacement) {
      return new HistoryText(job, place, row, replacement);
    }
  }

  /**
   * A job's texts after erasure: its own (a null reference or idempotency key clears it), and those
   * of its history that changed.
   */
  record JobErasure(
      JobId id,
      String params,
      String result,
      String error,
      String reference,
      String idempotencyKey,
      List<HistoryText> history) {
    public JobErasure {
      Objects.requireNonNull(id, "id");
      history = List.copyOf(history);
    }
  }
}
