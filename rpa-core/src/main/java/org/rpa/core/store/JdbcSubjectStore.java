package org.rpa.core.store;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobStatus;

/** The {@link SubjectStore} on the job store's database. Thread-safe. */
final class JdbcSubjectStore implements SubjectStore {
  private static final int JOB_ERROR_SIZE = 4000;
  private static final String FINAL = "('COMPLETED', 'FAILED', 'CANCELLED')";

  /** The history's tables, each with its text places. */
  private static final Map<String, List<Place>> TABLES =
      EnumSet.allOf(Place.class).stream()
          .collect(
              Collectors.groupingBy(place -> place.table, LinkedHashMap::new, Collectors.toList()));

  private final JdbcJobStore store;

  JdbcSubjectStore(JdbcJobStore store) {
    this.store = store;
  }

  @Override
  public List<JobTexts> candidates(String text) {
    String like = like(text);
    var sql =
        new StringBuilder(
            "SELECT id, status, params, result, error_message, reference, idempotency_key FROM jobs"
                + " WHERE params LIKE :like ESCAPE '!' OR result LIKE :like ESCAPE '!'"
                + " OR error_message LIKE :like ESCAPE '!' OR reference LIKE :like ESCAPE '!'"
                + " OR idempotency_key LIKE :like ESCAPE '!'");
    TABLES.forEach(
        (table, places) ->
            sql.append(" OR id IN (SELECT job_id FROM ")
                .append(table)
                .append(" WHERE ")
                .append(
                    places.stream()
                        .map(place -> place.column + " LIKE :like ESCAPE '!'")
                        .collect(Collectors.joining(" OR ")))
                .append(")"));
    sql.append(" ORDER BY id");
    return store.read(
        "find subject candidates",
        handle ->
            handle
                .createQuery(sql.toString())
                .bind("like", like)
                .map(
                    (rs, ctx) ->
                        new JobTexts(
                            JobId.of(rs.getLong("id")),
                            JobStatus.valueOf(rs.getString("status")),
                            rs.getString("params"),
                            rs.getString("result"),
                            rs.getString("error_message"),
                            rs.getString("reference"),
                            rs.getString("idempotency_key")))
                .list());
  }

  @Override
  public List<HistoryText> history(JobId id) {
    return store.read("read job history", handle -> history(handle, id));
  }

  private static List<HistoryText> history(Handle handle, JobId id) {
    List<HistoryText> texts = new ArrayList<>();
    TABLES.forEach(
        (table, places) -> {
          List<String> keys = places.get(0).keys;
          String columns =
              places.stream().map(place -> place.column).collect(Collectors.joining(", "));
          handle
              .createQuery(
                  "SELECT "
                      + String.join(", ", keys)
                      + ", "
                      + columns
                      + " FROM "
                      + table
                      + " WHERE job_id = :job ORDER BY "
                      + String.join(", ", keys))
              .bind("job", id.value())
              .map(
                  (rs, ctx) -> {
                    List<Long> row = new ArrayList<>();
                    for (String key : keys) {
                      row.add(rs.getLong(key));
                    }
                    List<HistoryText> cells = new ArrayList<>();
                    for (Place place : places) {
                      cells.add(new HistoryText(id, place, row, rs.getString(place.column)));
                    }
                    return cells;
                  })
              .forEach(texts::addAll);
        });
    return texts;
  }

  @Override
  public List<JobId> erase(List<JobErasure> erasures) {
    if (erasures.isEmpty()) {
      return List.of();
    }
    return store.write(
        "erase subject",
        handle -> {
          List<JobId> written = new ArrayList<>();
          for (JobErasure erasure : erasures) {
            if (eraseJob(handle, erasure)) {
              written.add(erasure.id());
            }
          }
          return written;
        });
  }

  private static boolean eraseJob(Handle handle, JobErasure erasure) {
    long id = erasure.id().value();
    int changed =
        handle
            .createUpdate(
                "UPDATE jobs SET params = :params, result = :result, error_message = :error,"
                    + " reference = :reference, idempotency_key = :key"
                    + " WHERE id = :id AND status IN "
                    + FINAL)
            .bind("params", erasure.params())
            .bind("result", erasure.result())
            .bind("error", fit(erasure.error(), JOB_ERROR_SIZE))
            .bind("reference", erasure.reference())
            .bind("key", erasure.idempotencyKey())
            .bind("id", id)
            .execute();
    if (changed == 0) {
      return false;
    }
    for (HistoryText text : erasure.history()) {
      Place place = text.place();
      var update =
          handle.createUpdate(
              "UPDATE "
                  + place.table
                  + " SET "
                  + place.column
                  + " = :text WHERE job_id = :job AND "
                  + place.keys.stream()
                      .map(key -> key + " = :" + key)
                      .collect(Collectors.joining(" AND ")));
      update.bind("text", fit(text.text(), place.size)).bind("job", id);
      for (int k = 0; k < place.keys.size(); k++) {
        update.bind(place.keys.get(k), text.row().get(k));
      }
      update.execute();
    }
    // A cleared reference or idempotency key frees its dedupe key (job_keys holds the value).
    if (erasure.reference() == null) {
      forgetKeys(handle, id, "ref:%");
    }
    if (erasure.idempotencyKey() == null) {
      forgetKeys(handle, id, "key:%");
    }
    return true;
  }

  private static void forgetKeys(Handle handle, long jobId, String kind) {
    handle
        .createUpdate("DELETE FROM job_keys WHERE job_id = :job AND dedupe_key LIKE :kind")
        .bind("job", jobId)
        .bind("kind", kind)
        .execute();
  }

  /**
   * A LIKE pattern, with {@code !} as its escape character, for the texts that contain {@code text}
   * anywhere: its wildcards ({@code %}, {@code _}) escaped. Not a backslash: Jdbi's statement
   * parser reads a quoted backslash as escaping the quote.
   */
  static String like(String text) {
    return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }

  private static String fit(String text, int size) {
    return text == null || text.length() <= size ? text : text.substring(0, size);
  }
}
