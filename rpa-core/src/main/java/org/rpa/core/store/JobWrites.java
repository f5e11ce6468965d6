package org.rpa.core.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.rpa.core.internal.Json;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.JobUpdate;
import org.rpa.core.job.Submission;

/** Inserts, claims and promotions, each in the caller's transaction. */
final class JobWrites {
  private JobWrites() {}

  /** Who takes fresh QUEUED jobs at once, which types, and how many at most (0: none). */
  record HandOff(String owner, Set<String> types, int limit) {}

  static JobStore.Inserted insert(
      Handle handle, List<NewJob> jobs, Instant now, boolean notify, HandOff handOff) {
    Map<String, Long> existing = Dedupe.existing(handle, jobs);
    var result = new Submission[jobs.size()];
    var fresh = new ArrayList<NewJob>();
    var freshIndex = new ArrayList<Integer>();
    var sameAs = new HashMap<Integer, Integer>();
    var firstByKey = new HashMap<String, Integer>();
    for (int i = 0; i < jobs.size(); i++) {
      JobRequest request = jobs.get(i).request();
      Long known = Dedupe.match(existing, request);
      if (known != null) {
        result[i] = new Submission(JobId.of(known), false);
        continue;
      }
      Integer earlier = Dedupe.earlierInBatch(firstByKey, request, i);
      if (earlier != null) {
        sameAs.put(i, earlier);
        continue;
      }
      fresh.add(jobs.get(i));
      freshIndex.add(i);
    }
    boolean[] handedOff = handOff(fresh, handOff, now);
    List<Long> ids =
        fresh.isEmpty() ? List.of() : insertRows(handle, fresh, handedOff, handOff.owner(), now);
    for (int k = 0; k < ids.size(); k++) {
      result[freshIndex.get(k)] = new Submission(JobId.of(ids.get(k)), true);
    }
    sameAs.forEach((index, earlier) -> result[index] = new Submission(result[earlier].id(), false));
    var claimed = new ArrayList<ClaimedJob>();
    var transitions = new ArrayList<Transition>();
    boolean queued = false;
    for (int k = 0; k < fresh.size(); k++) {
      NewJob job = fresh.get(k);
      if (handedOff[k]) {
        ClaimedJob claim = claimedAtInsert(job, ids.get(k), handOff.owner());
        claimed.add(claim);
        transitions.add(claimTransition(claim, now));
      } else {
        queued |= job.status() == JobStatus.QUEUED;
      }
    }
    logCreated(handle, fresh, ids, transitions, now);
    if (notify && queued) {
      // Delivered when this transaction commits: other instances' dispatchers wake at once.
      handle.execute("NOTIFY " + PgNotifications.CHANNEL);
    }
    return new JobStore.Inserted(
        List.of(result),
        claimed.isEmpty() ? JobStore.Claim.EMPTY : new JobStore.Claim(claimed, transitions));
  }

  private static boolean[] handOff(List<NewJob> fresh, HandOff handOff, Instant now) {
    var handedOff = new boolean[fresh.size()];
    int left = handOff.limit();
    for (int k = 0; k < fresh.size() && left > 0; k++) {
      NewJob job = fresh.get(k);
      JobRequest request = job.request();
      if (job.status() == JobStatus.QUEUED
          && handOff.types().contains(request.type())
          && (request.deadline() == null || request.deadline().isAfter(now))) {
        handedOff[k] = true;
        left--;
      }
    }
    return handedOff;
  }

  private static ClaimedJob claimedAtInsert(NewJob job, long id, String owner) {
    JobRequest request = job.request();
    return new ClaimedJob(
        JobId.of(id),
        request.provider(),
        request.action(),
        request.kind(),
        request.params(),
        1,
        0,
        job.maxAttempts(),
        job.timeout(),
        job.runAt(),
        request.deadline(),
        request.recurrence(),
        owner);
  }

  /**
   * Inserts the rows {@value #ROWS_PER_INSERT} to a statement (one multi-row INSERT each, the last
   * one shorter), and returns their ids in the order of {@code jobs}. PostgreSQL's driver does not
   * rewrite a batch that returns generated keys, so one row per statement cost the server about 40
   * µs a row. The ids are sorted: one sequence hands them out row after row within a statement and
   * statement after statement, so ascending is the order of the rows, whatever order the database
   * returns them in.
   */
  private static List<Long> insertRows(
      Handle handle, List<NewJob> jobs, boolean[] handedOff, String owner, Instant now) {
    var ids = new ArrayList<Long>(jobs.size());
    int full = jobs.size() - jobs.size() % ROWS_PER_INSERT;
    if (full > 0) {
      try (RowBatch batch = RowBatch.returningIds(handle, "submit", insertJobs(ROWS_PER_INSERT))) {
        for (int k = 0; k < full; k++) {
          bindJob(batch, jobs.get(k), handedOff[k], owner, now);
          if ((k + 1) % ROWS_PER_INSERT == 0) {
            batch.add();
          }
        }
        ids.addAll(batch.executeForIds(ROWS_PER_INSERT));
      }
    }
    int rest = jobs.size() - full;
    if (rest > 0) {
      try (RowBatch batch = RowBatch.returningIds(handle, "submit", insertJobs(rest))) {
        for (int k = full; k < jobs.size(); k++) {
          bindJob(batch, jobs.get(k), handedOff[k], owner, now);
        }
        batch.add();
        ids.addAll(batch.executeForIds(rest));
      }
    }
    ids.sort(null);
    return ids;
  }

  private static void bindJob(
      RowBatch batch, NewJob job, boolean handedOff, String owner, Instant now) {
    JobRequest request = job.request();
    batch
        .set(request.provider())
        .set(request.action())
        .set(request.type())
        .set(request.kind().name())
        .set(handedOff ? JobStatus.CLAIMED.name() : job.status().name())
        .set(request.priority())
        .set(Json.write(request.params()))
        .set(job.runAt())
        .set(request.deadline())
        .set(handedOff ? 1 : 0)
        .set(job.maxAttempts())
        .set(job.timeout().toMillis())
        .set(request.reference())
        .set(request.idempotencyKey())
        .set(request.recurrence())
        .set(now)
        .set(now)
        .set(handedOff ? owner : null);
  }

  private static String insertJobs(int rows) {
    return INSERT_JOB + (", " + JOB_VALUES).repeat(rows - 1);
  }

  /** The created rows of {@code jobs}, then the log rows of the hand-off claims: one batch. */
  private static void logCreated(
      Handle handle, List<NewJob> jobs, List<Long> ids, List<Transition> claims, Instant now) {
    if (jobs.isEmpty()) {
      return;
    }
    try (RowBatch log = RowBatch.of(handle, "submit", TransitionWrites.INSERT_LOG)) {
      for (int i = 0; i < jobs.size(); i++) {
        log.set(ids.get(i))
            .set(0)
            .set((String) null)
            .set(jobs.get(i).status().name())
            .set(now)
            .set((String) null)
            .set("created")
            .add();
      }
      TransitionWrites.addLogRows(log, claims);
      log.execute();
    }
  }

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
        expired.add(
            Transition.expire(
                job.id().value(),
                job.provider(),
                job.action(),
                JobStatus.QUEUED,
                job.occurrence(),
                job.attempts(),
                null,
                now));
      } else {
        live.add(job);
      }
    }
    var transitions = new ArrayList<Transition>(rows.size());
    if (!live.isEmpty()) {
      try (RowBatch update =
          RowBatch.of(handle, "claim", CLAIM_ONE + guard(dialect, JobStatus.QUEUED))) {
        for (ClaimedJob job : live) {
          update.set(owner).set(now).set(job.id().value()).add();
        }
        update.execute();
      }
      for (ClaimedJob job : live) {
        transitions.add(claimTransition(job, now));
      }
      TransitionWrites.writeLog(handle, transitions);
    }
    transitions.addAll(TransitionWrites.apply(handle, expired));
    return new JobStore.Claim(live, transitions);
  }

  private static List<ClaimedJob> claimable(
      Handle handle, String owner, Set<String> types, int limit) {
    orderedScanOnly(handle, SqlDialect.POSTGRESQL);
    return handle
        .createQuery(SELECT_CLAIMABLE)
        .bindList("types", new ArrayList<>(types))
        .bind("limit", limit)
        .map(Rows.claimed(owner))
        .list();
  }

  /**
   * H2 reads every QUEUED row (and sorts them) when one query has both LIMIT and FOR UPDATE, and
   * re-runs an {@code id IN (subquery)} for each row it locks; so the ids come first, from index
   * jobs_claim in its order (ORDER BY names its leading column) and without locks, then those rows
   * are locked by primary key and checked again. Safe because one H2 database has one dispatcher;
   * PostgreSQL keeps the one-statement form, which stays fair between several instances.
   */
  private static List<ClaimedJob> claimableH2(
      Handle handle, String owner, Set<String> types, int limit) {
    List<Long> ids =
        handle
            .createQuery(SELECT_CLAIMABLE_IDS_H2)
            .bindList("types", new ArrayList<>(types))
            .bind("limit", limit)
            .mapTo(Long.class)
            .list();
    if (ids.isEmpty()) {
      return List.of();
    }
    return handle
        .createQuery(LOCK_CLAIMABLE_H2)
        .bindList("ids", ids)
        .map(Rows.claimed(owner))
        .list();
  }

  /** QUEUED to CLAIMED by {@code job.owner()}, spending one attempt. */
  private static Transition claimTransition(ClaimedJob job, Instant now) {
    String owner = job.owner();
    return new Transition(
        job.id().value(),
        job.provider(),
        job.action(),
        JobStatus.QUEUED,
        JobStatus.CLAIMED,
        job.occurrence(),
        job.attempts(),
        null,
        job.occurrence(),
        job.attempt(),
        owner,
        null,
        null,
        null,
        null,
        null,
        now,
        owner,
        null);
  }

  static boolean modify(
      Handle handle,
      JobId id,
      JobStatus expected,
      JobUpdate update,
      JobStatus newStatus,
      Instant now) {
    int updated =
        handle
            .createUpdate(
                "UPDATE jobs SET priority = COALESCE(:priority, priority),"
                    + " run_at = COALESCE(:runAt, run_at), params = COALESCE(:params, params),"
                    + " status = :newStatus, updated_at = :now"
                    + " WHERE id = :id AND status = :expected")
            .bind("priority", update.priority())
            .bindByType("runAt", update.runAt(), Instant.class)
            .bind("params", Json.write(update.params()))
            .bind("newStatus", newStatus.name())
            .bindByType("now", now, Instant.class)
            .bind("id", id.value())
            .bind("expected", expected.name())
            .execute();
    if (updated == 1 && newStatus != expected) {
      handle
          .createUpdate(
              "INSERT INTO job_log (job_id, attempt, from_status, to_status, at, executor, reason)"
                  + " SELECT id, attempts, :from, :to, :now, NULL, 'run_at changed' FROM jobs"
                  + " WHERE id = :id")
          .bind("from", expected.name())
          .bind("to", newStatus.name())
          .bindByType("now", now, Instant.class)
          .bind("id", id.value())
          .execute();
    }
    return updated == 1;
  }

  static List<Transition> promoteDue(Handle handle, SqlDialect dialect, Instant now, int limit) {
    orderedScanOnly(handle, dialect);
    List<Transition> due =
        handle
            .createQuery(dialect == SqlDialect.H2 ? SELECT_DUE_H2 : SELECT_DUE)
            .bindByType("now", now, Instant.class)
            .bind("limit", limit)
            .map(
                (rs, ctx) ->
                    Transition.move(
                        rs.getLong("id"),
                        rs.getString("provider"),
                        rs.getString("action"),
                        JobStatus.SCHEDULED,
                        JobStatus.QUEUED,
                        rs.getInt("occurrence"),
                        rs.getInt("attempts"),
                        null,
                        null,
                        now,
                        null,
                        "due"))
            .list();
    if (due.isEmpty()) {
      return due;
    }
    try (RowBatch update =
        RowBatch.of(handle, "promote", PROMOTE_ONE + guard(dialect, JobStatus.SCHEDULED))) {
      for (Transition t : due) {
        update.set(now).set(t.jobId()).add();
      }
      update.execute();
    }
    TransitionWrites.writeLog(handle, due);
    return due;
  }

  /**
   * On PostgreSQL, forbids a sort in the rest of this transaction, so that the claim and the
   * promotion read their index in order and stop after the limit. Planner statistics lag a queue
   * that fills fast: after a batch of 20,000 submits the statistics still said a handful of QUEUED
   * rows, and every claim then read and sorted all 20,000 (18-30 ms a claim, measured with
   * auto_explain) instead of 32 (0.1 ms). Both statements have an index in their order; H2 plans
   * them by their shape.
   */
  private static void orderedScanOnly(Handle handle, SqlDialect dialect) {
    if (dialect == SqlDialect.POSTGRESQL) {
      handle.execute("SET LOCAL enable_sort = off");
    }
  }

  /**
   * The status check of a claim's or promotion's update. On PostgreSQL none: the rows are locked
   * since the SELECT … FOR UPDATE that found them in this status, and a check on status let stale
   * statistics pick the status index over the primary key (0.9 ms a row, not 0.05). On H2 the check
   * stays, so that a job cancelled between the read and the lock stays cancelled.
   */
  private static String guard(SqlDialect dialect, JobStatus expected) {
    return dialect == SqlDialect.H2 ? " AND status = '" + expected.name() + "'" : "";
  }

  /**
   * One row per statement, by primary key, and the same text for any number of rows: a statement
   * with an IN list has a new text for every batch size, parsed again each time on H2.
   */
  private static final String CLAIM_ONE =
      "UPDATE jobs SET status = 'CLAIMED', lease_owner = ?, attempts = attempts + 1,"
          + " updated_at = ? WHERE id = ?";

  private static final String PROMOTE_ONE =
      "UPDATE jobs SET status = 'QUEUED', updated_at = ? WHERE id = ?";

  static final int ROWS_PER_INSERT = 100;

  private static final String JOB_VALUES =
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String INSERT_JOB =
      "INSERT INTO jobs (provider, action, job_type, kind, status, priority, params, run_at,"
          + " deadline, attempts, occurrence, max_attempts, timeout_ms, reference,"
          + " idempotency_key, recurrence, created_at, updated_at, lease_owner) VALUES "
          + JOB_VALUES;

  private static final String SELECT_DUE =
      "SELECT id, provider, action, occurrence, attempts FROM jobs"
          + " WHERE status = 'SCHEDULED' AND run_at <= :now ORDER BY run_at, id"
          + " LIMIT :limit FOR UPDATE SKIP LOCKED";

  /**
   * The same for H2: the inner query walks index jobs_due in its order and stops after :limit rows
   * (H2 reads every matching row when one query has both LIMIT and FOR UPDATE).
   */
  private static final String SELECT_DUE_H2 =
      "SELECT id, provider, action, occurrence, attempts FROM jobs WHERE id IN (SELECT id FROM jobs"
          + " WHERE status = 'SCHEDULED' AND run_at <= :now ORDER BY status, run_at LIMIT :limit)"
          + " AND status = 'SCHEDULED' ORDER BY run_at, id FOR UPDATE SKIP LOCKED";

  private static final String CLAIMED_COLUMNS =
      "id, provider, action, kind, params, occurrence, attempts, max_attempts, timeout_ms,"
          + " run_at, deadline, recurrence";

  private static final String SELECT_CLAIMABLE =
      "SELECT "
          + CLAIMED_COLUMNS
          + " FROM jobs WHERE status = 'QUEUED'"
          + " AND job_type IN (<types>) ORDER BY priority DESC, run_at, id LIMIT :limit"
          + " FOR UPDATE SKIP LOCKED";

  private static final String SELECT_CLAIMABLE_IDS_H2 =
      "SELECT id FROM jobs WHERE status = 'QUEUED' AND job_type IN (<types>)"
          + " ORDER BY status, priority DESC, run_at, id LIMIT :limit";

  private static final String LOCK_CLAIMABLE_H2 =
      "SELECT "
          + CLAIMED_COLUMNS
          + " FROM jobs WHERE id IN (<ids>) AND status = 'QUEUED' ORDER BY priority DESC, run_at, id"
          + " FOR UPDATE SKIP LOCKED";
}
