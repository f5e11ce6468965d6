package org.rpa.core.store;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The completion callbacks' outbox ({@code callback_outbox}): one row per final transition of the
 * job log, filled from the log so that a callback is never lost between a job's commit and its
 * send. The relay that sends the rows is {@code org.rpa.core.engine.CallbackOutbox}.
 *
 * <p>Thread-safe. Every method throws {@link org.rpa.core.StoreException} when the database fails.
 */
public interface Outbox {

  /** Takes or renews the relay's lease, so that one instance of a cluster sends at a time. */
  boolean tryLock(String owner, Instant now, Instant until);

  /**
   * In one transaction, adds a row, due at {@code now}, for each of up to {@code limit} final
   * transitions (COMPLETED, FAILED, CANCELLED) of the log that have none, oldest first; its payload
   * is {@code payload} of that transition. Transactions commit out of id order, so the scan looks
   * back from the newest row it holds.
   *
   * @return how many rows it added
   */
  int fill(int limit, Instant now, Function<FinalTransition, String> payload);

  /** Up to {@code limit} rows not delivered yet, in id order (so in order per job). */
  List<PendingCallback> pending(int limit);

  /** Marks a row delivered at {@code at}, with the receiver's refusal if it refused it. */
  void delivered(long id, Instant at, String error);

  /** Counts a failed try of a row and makes it due again at {@code next}. */
  void retryAt(long id, Instant next, String error);

  /** How many rows are not delivered yet. */
  long pendingCount();

  /** A final transition of the job log, with what its callback reports of the job. */
  record FinalTransition(
      long logId,
      long jobId,
      int attempt,
      String status,
      Instant at,
      String provider,
      String action,
      int occurrence,
      String reference,
      String result,
      String errorType,
      String error) {

    /** The same for every try of this callback: {@code <job id>:<log id>}. */
    public String idempotencyKey() {
      return jobId + ":" + logId;
    }
  }

  /** A row not delivered yet. */
  record PendingCallback(
      long id, String idempotencyKey, String payload, int attempts, Instant nextAttemptAt) {}
}
