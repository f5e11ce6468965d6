package org.rpa.core.engine;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rpa.core.json.Json;
import org.rpa.core.outbox.CallbackTransport;
import org.rpa.core.store.Outbox;
import org.rpa.core.store.Outbox.FinalTransition;
import org.rpa.core.store.Outbox.PendingCallback;
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
 * <p>One instance delivers at a time in a cluster (the store's relay lease). Every method throws
 * {@link org.rpa.core.StoreException} when the store fails. Thread-safe, though one supervised loop
 * drives it.
 */
final class CallbackOutbox {
  private static final Logger log = LoggerFactory.getLogger(CallbackOutbox.class);
  private static final int BATCH = 200;

  private final Outbox outbox;
  private final CallbackTransport transport;
  private final CircuitBreaker breaker;
  private final Clock clock;
  private final String owner;
  private final Duration maxBackoff;

  public CallbackOutbox(
      Outbox outbox,
      CallbackTransport transport,
      CircuitBreaker breaker,
      Clock clock,
      String owner,
      Duration maxBackoff) {
    this.outbox = outbox;
    this.transport = transport;
    this.breaker = breaker;
    this.clock = clock;
    this.owner = owner;
    this.maxBackoff = maxBackoff;
  }

  /** One pass: fill the outbox from the log, then send what is due. */
  public void runOnce() {
    Instant now = clock.instant();
    if (!outbox.tryLock(owner, now, now.plus(Duration.ofSeconds(30)))) {
      return;
    }
    while (produce() == BATCH) {
      // keep filling
    }
    deliver();
  }

  /**
   * Adds an outbox row for each final transition of the log that has none.
   *
   * @return how many rows it added
   */
  public int produce() {
    return outbox.fill(BATCH, clock.instant(), change -> Json.write(payload(change)));
  }

  private static Map<String, Object> payload(FinalTransition change) {
    var body = new LinkedHashMap<String, Object>();
    body.put("event", "job." + change.status().toLowerCase(Locale.ROOT));
    body.put("idempotency_key", change.idempotencyKey());
    body.put("job_id", change.jobId());
    body.put("status", change.status());
    body.put("provider", change.provider());
    body.put("action", change.action());
    body.put("reference", change.reference());
    body.put("occurrence", change.occurrence());
    body.put("attempt", change.attempt());
    body.put("result", change.result() == null ? null : Json.read(change.result()));
    body.put("error_type", change.errorType());
    body.put("error", change.error());
    body.put("finished_at", change.at().toString());
    return body;
  }

  /**
   * Sends due rows in order until one fails.
   *
   * @return how many were delivered
   */
  public int deliver() {
    List<PendingCallback> due = outbox.pending(BATCH);
    int delivered = 0;
    for (PendingCallback pending : due) {
      Instant now = clock.instant();
      if (pending.nextAttemptAt().isAfter(now)) {
        return delivered;
      }
      int status;
      try {
        status =
            breaker.executeCallable(
                () -> {
                  int answer = transport.send(pending.idempotencyKey(), pending.payload());
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
        log.warn("Callback {} refused by the receiver: HTTP {}", pending.idempotencyKey(), status);
      }
      outbox.delivered(pending.id(), now, error);
      delivered++;
    }
    return delivered;
  }

  private void retryLater(PendingCallback pending, Instant now, Exception e) {
    long factor = 1L << Math.min(pending.attempts(), 20);
    Duration delay = Duration.ofSeconds(1).multipliedBy(factor);
    if (delay.compareTo(maxBackoff) > 0) {
      delay = maxBackoff;
    }
    String message = e.getClass().getSimpleName() + ": " + e.getMessage();
    log.info(
        "Callback {} not delivered ({}); next try in {}", pending.idempotencyKey(), message, delay);
    outbox.retryAt(pending.id(), now.plus(delay), message);
  }

  /** Rows not delivered yet. */
  public long pending() {
    return outbox.pendingCount();
  }
}
