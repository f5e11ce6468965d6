package org.rpa.core.store;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** The {@link Outbox} on the job store's database. Thread-safe. */
final class JdbcOutbox implements Outbox {
  static final String LOCK = "callback_relay";

  /** How far before the newest row the scan of the log starts: commits come out of id order. */
  private static final long LOOKBACK = 10_000;

  private static final int MAX_ERROR = 1000;

  private final JdbcJobStore store;

  JdbcOutbox(JdbcJobStore store) {
    this.store = store;
  }

  @Override
  public boolean tryLock(String owner, Instant now, Instant until) {
    return store.tryLockTask(LOCK, owner, now, until);
  }

  @Override
  public int fill(int limit, Instant now, Function<FinalTransition, String> payload) {
    return store.write(
        "fill outbox",
        handle -> {
          long newest =
              handle
                  .createQuery("SELECT COALESCE(MAX(log_id), 0) FROM callback_outbox")
                  .mapTo(Long.class)
                  .one();
          List<FinalTransition> found =
              handle
                  .createQuery(
                      "SELECT l.id AS log_id, l.job_id, l.attempt, l.to_status, l.at,"
                          + " j.provider, j.action, j.occurrence, j.reference, j.result,"
                          + " j.error_type, j.error_message FROM job_log l"
                          + " JOIN jobs j ON j.id = l.job_id WHERE l.id > :from"
                          + " AND l.to_status IN ('COMPLETED', 'FAILED', 'CANCELLED')"
                          + " AND NOT EXISTS (SELECT 1 FROM callback_outbox o"
                          + " WHERE o.log_id = l.id) ORDER BY l.id LIMIT :limit")
                  .bind("from", Math.max(0, newest - LOOKBACK))
                  .bind("limit", limit)
                  .map(
                      (rs, ctx) ->
                          new FinalTransition(
                              rs.getLong("log_id"),
                              rs.getLong("job_id"),
                              rs.getInt("attempt"),
                              rs.getString("to_status"),
                              RowMappers.instant(rs, "at"),
                              rs.getString("provider"),
                              rs.getString("action"),
                              rs.getInt("occurrence"),
                              rs.getString("reference"),
                              rs.getString("result"),
                              rs.getString("error_type"),
                              rs.getString("error_message")))
                  .list();
          for (FinalTransition change : found) {
            handle
                .createUpdate(
                    "INSERT INTO callback_outbox (log_id, job_id, idempotency_key, payload,"
                        + " attempts, next_attempt_at, created_at) VALUES (:logId, :jobId, :key,"
                        + " :payload, 0, :now, :now)")
                .bind("logId", change.logId())
                .bind("jobId", change.jobId())
                .bind("key", change.idempotencyKey())
                .bind("payload", payload.apply(change))
                .bind("now", now)
                .execute();
          }
          return found.size();
        });
  }

  @Override
  public List<PendingCallback> pending(int limit) {
    return store.read(
        "pending callbacks",
        handle ->
            handle
                .createQuery(
                    "SELECT id, idempotency_key, payload, attempts, next_attempt_at"
                        + " FROM callback_outbox WHERE delivered_at IS NULL ORDER BY id"
                        + " LIMIT :limit")
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new PendingCallback(
                            rs.getLong("id"),
                            rs.getString("idempotency_key"),
                            rs.getString("payload"),
                            rs.getInt("attempts"),
                            RowMappers.instant(rs, "next_attempt_at")))
                .list());
  }

  @Override
  public void delivered(long id, Instant at, String error) {
    store.write(
        "callback delivered",
        handle ->
            handle
                .createUpdate(
                    "UPDATE callback_outbox SET delivered_at = :now, attempts = attempts + 1,"
                        + " last_error = :error WHERE id = :id")
                .bind("now", at)
                .bind("error", fit(error))
                .bind("id", id)
                .execute());
  }

  @Override
  public void retryAt(long id, Instant next, String error) {
    store.write(
        "callback retry",
        handle ->
            handle
                .createUpdate(
                    "UPDATE callback_outbox SET attempts = attempts + 1, next_attempt_at = :next,"
                        + " last_error = :error WHERE id = :id")
                .bind("next", next)
                .bind("error", fit(error))
                .bind("id", id)
                .execute());
  }

  @Override
  public long pendingCount() {
    return store.read(
        "count pending callbacks",
        handle ->
            handle
                .createQuery("SELECT COUNT(*) FROM callback_outbox WHERE delivered_at IS NULL")
                .mapTo(Long.class)
                .one());
  }

  private static String fit(String error) {
    return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
  }
}
