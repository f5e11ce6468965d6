package org.rpa.core.outbox;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.rpa.core.internal.Json;
import org.rpa.core.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The completion callbacks' outbox. {@link #produce()} adds one row per final transition found in
 * {@code job_log} (COMPLETED, FAILED, CANCELLED), which the store wrote in the same transaction as
 * the change: a callback cannot be lost between a job's commit and its send, nor across a restart.
 * {@link #deliver()} sends pending rows in id order (so in order per job), each with its
 * idempotency key, through the breaker; a failure stops the pass and the row is tried again after a
 * backoff (1 s doubling up to {@code maxBackoff}). A 4xx other than 408 and 429 is the receiver
 * refusing that callback for good: it is marked delivered with the error, and the rest go on.
 *
 * <p>One instance delivers at a time in a cluster (task lock {@code callback_relay}). Thread-safe,
 * though one supervised loop drives it.
 */
public final class CallbackOutbox {
  private static final Logger log = LoggerFactory.getLogger(CallbackOutbox.class);
  static final String LOCK = "callback_relay";
  private static final int BATCH = 200;
  private static final long LOOKBACK = 10_000;

  private final Jdbi jdbi;
  private final JobStore store;
  private final CallbackTransport transport;
  private final CircuitBreaker breaker;
  private final Clock clock;
  private final String owner;
  private final Duration maxBackoff;

  public CallbackOutbox(
      DataSource dataSource,
      JobStore store,
      CallbackTransport transport,
      CircuitBreaker breaker,
      Clock clock,
      String owner,
      Duration maxBackoff) {
    this.jdbi = Jdbi.create(dataSource);
    this.store = store;
    this.transport = transport;
    this.breaker = breaker;
    this.clock = clock;
    this.owner = owner;
    this.maxBackoff = maxBackoff;
  }

  /** One pass: fill the outbox from the log, then send what is due. */
  public void runOnce() {
    Instant now = clock.instant();
    if (!store.tryLockTask(LOCK, owner, now, now.plus(Duration.ofSeconds(30)))) {
      return;
    }
    while (produce() == BATCH) {
      // keep filling
    }
    deliver();
  }

  /**
   * Adds an outbox row for each final transition of the log that has none. Transactions commit out
   * of id order, so the scan looks back from the newest row it knows.
   *
   * @return how many rows it added
   */
  public int produce() {
    Instant now = clock.instant();
    return jdbi.inTransaction(
        handle -> {
          long newest =
              handle
                  .createQuery("SELECT COALESCE(MAX(log_id), 0) FROM callback_outbox")
                  .mapTo(Long.class)
                  .one();
          List<Map<String, Object>> rows =
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
                  .bind("limit", BATCH)
                  .mapToMap()
                  .list();
          for (Map<String, Object> row : rows) {
            long logId = ((Number) row.get("log_id")).longValue();
            long jobId = ((Number) row.get("job_id")).longValue();
            String key = jobId + ":" + logId;
            handle
                .createUpdate(
                    "INSERT INTO callback_outbox (log_id, job_id, idempotency_key, payload,"
                        + " attempts, next_attempt_at, created_at) VALUES (:logId, :jobId, :key,"
                        + " :payload, 0, :now, :now)")
                .bind("logId", logId)
                .bind("jobId", jobId)
                .bind("key", key)
                .bind("payload", Json.write(payload(row, key)))
                .bind("now", now.atOffset(java.time.ZoneOffset.UTC))
                .execute();
          }
          return rows.size();
        });
  }

  private static Map<String, Object> payload(Map<String, Object> row, String key) {
    String status = (String) row.get("to_status");
    var body = new LinkedHashMap<String, Object>();
    body.put("event", "job." + status.toLowerCase(java.util.Locale.ROOT));
    body.put("idempotency_key", key);
    body.put("job_id", ((Number) row.get("job_id")).longValue());
    body.put("status", status);
    body.put("provider", row.get("provider"));
    body.put("action", row.get("action"));
    body.put("reference", row.get("reference"));
    body.put("occurrence", ((Number) row.get("occurrence")).intValue());
    body.put("attempt", ((Number) row.get("attempt")).intValue());
    Object result = row.get("result");
    body.put("result", result == null ? null : Json.read(result.toString()));
    body.put("error_type", row.get("error_type"));
    body.put("error", row.get("error_message"));
    body.put("finished_at", instant(row.get("at")));
    return body;
  }

  private static String instant(Object value) {
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toInstant().toString();
    }
    if (value instanceof java.time.OffsetDateTime offset) {
      return offset.toInstant().toString();
    }
    return String.valueOf(value);
  }

  /**
   * Sends due rows in order until one fails.
   *
   * @return how many were delivered
   */
  public int deliver() {
    List<Pending> due =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT id, idempotency_key, payload, attempts, next_attempt_at"
                            + " FROM callback_outbox WHERE delivered_at IS NULL ORDER BY id"
                            + " LIMIT :limit")
                    .bind("limit", BATCH)
                    .map(
                        (rs, ctx) ->
                            new Pending(
                                rs.getLong("id"),
                                rs.getString("idempotency_key"),
                                rs.getString("payload"),
                                rs.getInt("attempts"),
                                rs.getObject("next_attempt_at", java.time.OffsetDateTime.class)
                                    .toInstant()))
                    .list());
    int delivered = 0;
    for (Pending pending : due) {
      Instant now = clock.instant();
      if (pending.nextAttemptAt.isAfter(now)) {
        return delivered;
      }
      int status;
      try {
        status =
            breaker.executeCallable(
                () -> {
                  int answer = transport.send(pending.key, pending.payload);
                  if (answer >= 500 || answer == 408 || answer == 429) {
                    throw new IOException("HTTP " + answer);
                  }
                  return answer;
                });
      } catch (Exception e) {
        retryLater(pending, now, e);
        return delivered;
      }
      String error = status >= 300 ? "refused with HTTP " + status : null;
      if (error != null) {
        log.warn("Callback {} refused by the receiver: HTTP {}", pending.key, status);
      }
      jdbi.useHandle(
          handle ->
              handle
                  .createUpdate(
                      "UPDATE callback_outbox SET delivered_at = :now, attempts = attempts + 1,"
                          + " last_error = :error WHERE id = :id")
                  .bind("now", now.atOffset(java.time.ZoneOffset.UTC))
                  .bind("error", error)
                  .bind("id", pending.id)
                  .execute());
      delivered++;
    }
    return delivered;
  }

  private void retryLater(Pending pending, Instant now, Exception e) {
    long factor = 1L << Math.min(pending.attempts, 20);
    Duration delay = Duration.ofSeconds(1).multipliedBy(factor);
    if (delay.compareTo(maxBackoff) > 0) {
      delay = maxBackoff;
    }
    String message = e.getClass().getSimpleName() + ": " + e.getMessage();
    log.info("Callback {} not delivered ({}); next try in {}", pending.key, message, delay);
    Instant next = now.plus(delay);
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "UPDATE callback_outbox SET attempts = attempts + 1, next_attempt_at = :next,"
                        + " last_error = :error WHERE id = :id")
                .bind("next", next.atOffset(java.time.ZoneOffset.UTC))
                .bind("error", message.length() > 1000 ? message.substring(0, 1000) : message)
                .bind("id", pending.id)
                .execute());
  }

  /** Rows not delivered yet. */
  public long pending() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT COUNT(*) FROM callback_outbox WHERE delivered_at IS NULL")
                .mapTo(Long.class)
                .one());
  }

  private record Pending(
      long id, String key, String payload, int attempts, Instant nextAttemptAt) {}
}
