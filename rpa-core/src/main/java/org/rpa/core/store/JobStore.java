package org.rpa.core.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rpa.core.job.Execution;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobQuery;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.JobUpdate;
import org.rpa.core.job.Page;
import org.rpa.core.job.Step;
import org.rpa.core.job.Submission;
import org.rpa.core.metrics.PoolUse;
import org.rpa.core.metrics.ResourceSample;

/**
 * Where jobs live. Every status write goes through {@link #apply}, {@link #modify}, {@link #claim},
 * {@link #insertAndClaim} or {@link #promoteDue}, each of which checks its pair against {@link
 * org.rpa.core.job.JobTransitions}, writes the status and its {@code job_log} row in one
 * transaction and returns the transitions that took effect (but {@link #modify}, whose caller knows
 * it), for the caller to publish after commit. The store reads no clock: callers pass {@code now}.
 *
 * <p>Implementations are thread-safe. Every method throws {@link org.rpa.core.StoreException} when
 * the database fails, never a raw SQL exception.
 */
public interface JobStore extends AutoCloseable {

  /**
   * The connection pool's use now, when the store reads from a pool it can inspect (the pool it
   * opened from a URL, or an embedder's HikariCP pool); empty otherwise.
   */
  default Optional<PoolUse> poolUse() {
    return Optional.empty();
  }

  /**
   * Inserts jobs in one transaction. A job whose idempotency key, or whose reference for its
   * provider and action, matches an existing job is not inserted: its submission carries the
   * existing id with {@code created == false}.
   *
   * @return one submission per job, in order
   */
  List<Submission> insert(List<NewJob> jobs, Instant now);

  /**
   * Inserts like {@link #insert} and, in the same transaction, claims for {@code owner} up to
   * {@code limit} of the jobs it creates QUEUED with a type in {@code types}: the submit-time
   * hand-off, by which an executor with idle threads takes a fresh job without a claim of its own.
   * Each claimed job is logged as created QUEUED and then claimed, as if claimed at once.
   */
  Inserted insertAndClaim(
      List<NewJob> jobs, Instant now, String owner, Set<String> types, int limit);

  Optional<Job> find(JobId id);

  Page<Job> query(JobQuery query);

  List<Execution> executions(JobId id);

  List<Step> steps(JobId id, int occurrence, int attempt);

  Map<JobStatus, Long> countByStatus();

  /**
   * Applies status changes in one transaction, each only if its condition holds (see {@link
   * Transition}).
   *
   * @return the transitions that took effect, in order
   * @throws org.rpa.core.job.IllegalJobTransitionException if any pair is not in the table (nothing
   *     is written)
   */
  List<Transition> apply(List<Transition> transitions);

  /**
   * Changes a job that has not started, if it is still in {@code expected}: its priority, run_at or
   * parameters, and its status to {@code newStatus} (QUEUED or SCHEDULED by its new run_at), with a
   * log row when the status changes.
   *
   * @return true if the job was still in {@code expected} and was changed
   * @throws org.rpa.core.job.IllegalJobTransitionException if the status changes and the table
   *     forbids the pair (nothing is written)
   */
  boolean modify(JobId id, JobStatus expected, JobUpdate update, JobStatus newStatus, Instant now);

  /**
   * Claims up to {@code limit} QUEUED jobs of the given types for {@code owner}, highest priority
   * and oldest first, locking them ({@code FOR UPDATE SKIP LOCKED}) so that concurrent claimers
   * skip them, and moves them to CLAIMED, in one transaction. Jobs whose deadline has passed are
   * failed instead, and reported in {@code expired}.
   */
  Claim claim(String owner, Set<String> types, int limit, Instant now);

  /** Moves up to {@code limit} SCHEDULED jobs whose run_at has come to QUEUED. */
  List<Transition> promoteDue(Instant now, int limit);

  /** The earliest run_at of a SCHEDULED job, if any. */
  Optional<Instant> nextRunAt();

  /** CLAIMED or RUNNING jobs whose owner's lease expired before {@code now}, or that have none. */
  List<LeasedJob> findOrphaned(Instant now, int limit);

  /** SCHEDULED or QUEUED jobs whose deadline is at or before {@code now}. */
  List<LeasedJob> findExpired(Instant now, int limit);

  /**
   * Up to {@code limit} jobs CLAIMED by {@code owner} whose claim was written before {@code
   * before}, oldest first: for a remote worker's jobs, those that no live hand-over is still
   * expected to deliver.
   */
  List<JobId> claimedBefore(String owner, Instant before, int limit);

  /** Of the given jobs, those that are no longer RUNNING or CLAIMED by {@code owner}. */
  Set<JobId> lostAmong(String owner, Collection<JobId> ids);

  /** Inserts or replaces an executor's row. */
  void registerExecutor(ExecutorRecord executor);

  /**
   * Renews an executor's lease and records its load and its resource sample (null: none).
   *
   * @return false if its row is gone or it was marked stopped
   */
  boolean heartbeat(
      String executorId, int activeJobs, ResourceSample resources, Instant now, Instant leaseUntil);

  /** Marks an executor stopped; its lease ends now. */
  void stopExecutor(String executorId, Instant now);

  List<ExecutorRecord> executors();

  /**
   * Deletes the rows of executors whose lease ended before {@code cutoff} (stopped, or dead).
   *
   * @return how many rows it deleted
   */
  int pruneExecutors(Instant cutoff);

  /**
   * Takes or renews the lease of a singleton task for {@code owner} until {@code until}; succeeds
   * if nobody else holds an unexpired lease on it.
   */
  boolean tryLockTask(String task, String owner, Instant now, Instant until);

  /** Deletes jobs that reached a final status before {@code cutoff}, with their history. */
  int purgeFinishedBefore(Instant cutoff, int limit);

  /** Execution statistics, job counts and the execution list, on this store's database. */
  AnalyticsStore analytics();

  /** The completion callbacks' outbox, in this store's database. */
  Outbox outbox();

  /** The ledger of spent TOTP codes, in this store's database. */
  TotpLedger totpLedger();

  /** The supervisor's restart history, in this store's database. */
  RestartLog restartLog();

  /** The metrics collector's five-minute snapshots, in this store's database. */
  SnapshotLog snapshotLog();

  /** The texts held about jobs, for finding and erasing a data subject. */
  SubjectStore subjects();

  /** Runs a trivial query; throws {@link org.rpa.core.StoreException} if the database is down. */
  void ping();

  /** The database engine's name and version, such as {@code H2 2.5.252}. */
  String engine();

  @Override
  void close();

  /**
   * The result of a claim.
   *
   * @param jobs the claimed jobs, in the order they should run
   * @param transitions every transition that took effect (claims and expiries), to publish
   */
  record Claim(List<ClaimedJob> jobs, List<Transition> transitions) {
    public static final Claim EMPTY = new Claim(List.of(), List.of());
  }

  /** What {@link #insertAndClaim} did: one submission per job, and the jobs it claimed. */
  record Inserted(List<Submission> submissions, Claim claim) {}
}
