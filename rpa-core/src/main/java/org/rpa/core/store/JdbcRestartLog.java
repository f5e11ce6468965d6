package org.rpa.core.store;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.rpa.core.supervise.RestartEvent;
import org.rpa.core.supervise.RestartHistoryPage;

/** The {@link RestartLog} on the job store's database. Thread-safe. */
final class JdbcRestartLog implements RestartLog {
  private static final String COLUMNS =
      "loop_name, occurred_at, attempt, status, error, executor_id";

  private final JdbcJobStore store;
  private final int retained;

  JdbcRestartLog(JdbcJobStore store) {
    this(store, RETAINED);
  }

  /** A log that keeps {@code retained} rows, for tests of the bound. */
  JdbcRestartLog(JdbcJobStore store, int retained) {
    this.store = store;
    this.retained = retained;
  }

  @Override
  public void append(RestartEvent event) {
    String error = event.error();
    if (error != null && error.length() > MAX_ERROR_LENGTH) {
      error = error.substring(0, MAX_ERROR_LENGTH);
    }
    String kept = error;
    store.write(
        "record restart",
        handle -> {
          handle
              .createUpdate(
                  "INSERT INTO supervisor_restarts ("
                      + COLUMNS
                      + ") VALUES (:loop, :at, :attempt, :status, :error, :executor)")
              .bind("loop", event.loopName())
              .bind("at", event.timestamp())
              .bind("attempt", event.attempt())
              .bind("status", event.status().name())
              .bind("error", kept)
              .bind("executor", event.executorId())
              .execute();
          prune(handle);
          return null;
        });
  }

  /** Deletes the rows older than the newest {@code retained}: one seek on the primary key. */
  private void prune(Handle handle) {
    handle
        .createUpdate(
            "DELETE FROM supervisor_restarts WHERE id <= (SELECT id FROM supervisor_restarts"
                + " ORDER BY id DESC LIMIT 1 OFFSET :retained)")
        .bind("retained", retained)
        .execute();
  }

  @Override
  public RestartHistoryPage page(String loopName, int limit, int offset) {
    String where = loopName == null ? "" : " WHERE loop_name = :loop";
    return store.read(
        "restart history",
        handle -> {
          var query =
              handle.createQuery(
                  "SELECT "
                      + COLUMNS
                      + " FROM supervisor_restarts"
                      + where
                      + " ORDER BY id DESC LIMIT :limit OFFSET :offset");
          var count = handle.createQuery("SELECT COUNT(*) FROM supervisor_restarts" + where);
          if (loopName != null) {
            query.bind("loop", loopName);
            count.bind("loop", loopName);
          }
          List<RestartEvent> items =
              query
                  .bind("limit", limit)
                  .bind("offset", offset)
                  .map(
                      (rs, ctx) ->
                          new RestartEvent(
                              rs.getString("loop_name"),
                              RowMappers.instant(rs, "occurred_at"),
                              rs.getInt("attempt"),
                              RestartEvent.Kind.valueOf(rs.getString("status")),
                              rs.getString("error"),
                              rs.getString("executor_id")))
                  .list();
          int total = count.mapTo(Integer.class).one();
          return RestartHistoryPage.of(items, total, limit, offset);
        });
  }

  @Override
  public int count() {
    return store.read(
        "count restarts",
        handle ->
            handle
                .createQuery("SELECT COUNT(*) FROM supervisor_restarts")
                .mapTo(Integer.class)
                .one());
  }
}
