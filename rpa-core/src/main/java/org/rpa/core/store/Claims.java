package org.rpa.core.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Claims of QUEUED jobs for an executor, in the caller's transaction. The claim statements write
 * {@link StatementMove#CLAIM}; the jobs found expired instead go through {@link
 * TransitionWrites#apply}, which checks each pair.
 */
final class Claims {
  /** The one status pair a claim writes, checked against the table. */
  private static final StatementMove CLAIM = StatementMove.CLAIM;

  private Claims() {}

  static JobStore.Claim claim(
      Handle handle, SqlDialect dialect, String owner, Set<String> types, int limit, Instant now) {
    List<ClaimedJob> rows =
        dialect == SqlDialect.H2
            ? claimableH2(handle, owner, types, limit)
            : claimable(handle, owner, types, limit);
    if (rows.isEmpty()) {
      return JobStore.Claim.EMPTY;
    }
    var live = new ArrayList<ClaimedJob>(rows.size());
    var expired = new ArrayList<Transition>();
    for (ClaimedJob job : rows) {
      if (job.deadline() != null && !job.deadline().isAfter(now)) {
        expired.add(Transition.expireQueued(job, now));
      } else {
        live.add(job);
      }
    }
    var claimed = new ArrayList<ClaimedJob>(live.size());
    var transitions = new ArrayList<Transition>(rows.size());
    if (!live.isEmpty()) {
      int[] updated;
      boolean h2 = dialect == SqlDialect.H2;
      try (RowBatch update = RowBatch.of(handle, "claim", h2 ? CLAIM_ONE_AS_READ : CLAIM_ONE)) {
        for (ClaimedJob job : live) {
          update.set(owner).set(now).set(job.id().value());
          if (h2) {
            update.set(job.occurrence()).set(job.attempts());
          }
          update.add();
        }
        updated = update.execute();
      }
      for (int i = 0; i < live.size(); i++) {
        if (updated[i] != 0) {
          claimed.add(live.get(i));
          transitions.add(Transition.claim(live.get(i), now));
        }
      }
      JobLogWrites.write(handle, transitions);
    }
    transitions.addAll(TransitionWrites.apply(handle, dialect, expired));
    return new JobStore.Claim(claimed, transitions);
  }

  private static List<ClaimedJob> claimable(
      Handle handle, String owner, Set<String> types, int limit) {
    orderedScanOnly(handle, SqlDialect.POSTGRESQL);
    return handle
        .createQuery(SELECT_CLAIMABLE)
        .bindList("types", new ArrayList<>(types))
        .bind("limit", limit)
        .map(RowMappers.claimed(owner))
        .list();
  }

  /**
   * H2 takes no row locks here: a {@code LIMIT} with {@code FOR UPDATE} reads and sorts every
   * QUEUED row, and a lock is a write of its own (with its undo-log entry) ahead of the claim's
   * update of the same row. The read walks index jobs_claim in its order (ORDER BY names its
   * leading column) and stops at the limit; the claim's update then locks each row, and H2 checks
   * its condition (still QUEUED, same occurrence and attempts as read) again on the locked row, so
   * a job cancelled, or claimed and put back, by another transaction in between is left alone and
   * dropped from the claim. PostgreSQL keeps the locking read, which stays fair between several
   * instances: their claims skip each other's rows instead of waiting on them.
   */
  private static List<ClaimedJob> claimableH2(
      Handle handle, String owner, Set<String> types, int limit) {
    return handle
        .createQuery(SELECT_CLAIMABLE_H2)
        .bindList("types", new ArrayList<>(types))
        .bind("limit", limit)
        .map(RowMappers.claimed(owner))
        .list();
  }

  /**
   * On PostgreSQL, forbids a sort in the rest of this transaction, so that the claim and the
   * promotion read their index in order and stop after the limit. Planner statistics lag a queue
   * that fills fast: after a batch of 20,000 submits the statistics still said a handful of QUEUED
   * rows, and every claim then read and sorted all 20,000 (18-30 ms a claim, measured with
   * auto_explain) instead of 32 (0.1 ms). Both statements have an index in their order; H2 plans
   * them by their shape.
   */
  static void orderedScanOnly(Handle handle, SqlDialect dialect) {
    if (dialect == SqlDialect.POSTGRESQL) {
      handle.execute("SET LOCAL enable_sort = off");
    }
  }

  /**
   * One row per statement, by primary key, and the same text for any number of rows: a statement
   * with an IN list has a new text for every batch size, parsed again each time on H2.
   */
  private static final String CLAIM_ONE =
      "UPDATE jobs SET status = "
          + CLAIM.toLiteral()
          + ", lease_owner = ?, attempts = attempts + 1,"
          + " updated_at = ? WHERE id = ?";

  /**
   * H2's claim: {@link #CLAIM_ONE} only if the row is still as the lock-free read saw it (see
   * {@link #claimableH2}).
   */
  private static final String CLAIM_ONE_AS_READ =
      CLAIM_ONE + " AND status = " + CLAIM.fromLiteral() + " AND occurrence = ? AND attempts = ?";

  private static final String CLAIMED_COLUMNS =
      "id, provider, action, kind, params, occurrence, attempts, max_attempts, timeout_ms,"
          + " run_at, deadline, recurrence";

  private static final String SELECT_CLAIMABLE =
      "SELECT "
          + CLAIMED_COLUMNS
          + " FROM jobs WHERE status = "
          + CLAIM.fromLiteral()
          + " AND job_type IN (<types>) ORDER BY priority DESC, run_at, id LIMIT :limit"
          + " FOR UPDATE SKIP LOCKED";

  private static final String SELECT_CLAIMABLE_H2 =
      "SELECT "
          + CLAIMED_COLUMNS
          + " FROM jobs WHERE status = "
          + CLAIM.fromLiteral()
          + " AND job_type IN (<types>)"
          + " ORDER BY status, priority DESC, run_at, id LIMIT :limit";
}
