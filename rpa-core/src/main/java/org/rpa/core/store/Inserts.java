package org.rpa.core.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobKind;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.Submission;
import org.rpa.core.json.Json;

/**
 * Inserts submitted jobs, handing fresh ones to idle threads (with their claims' log rows), in the
 * caller's transaction.
 */
final class Inserts {
  private Inserts() {}

  /** Who takes fresh QUEUED jobs at once, which types, and how many at most (0: none). */
  record HandOff(String owner, Set<String> types, int limit) {}

  static JobStore.Inserted insert(
      Handle handle, SqlDialect dialect, List<NewJob> jobs, Instant now, HandOff handOff) {
    Map<String, Dedupe.Known> existing = Dedupe.existing(handle, jobs);
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
      Integer earlier = Dedupe.earlierInBatch(firstByKey, jobs, request, i);
      if (earlier != null) {
        sameAs.put(i, earlier);
        continue;
      }
      fresh.add(jobs.get(i));
      freshIndex.add(i);
    }
    boolean[] handedOff = handOff(fresh, handOff, now);
    List<Long> ids;
    if (fresh.isEmpty()) {
      ids = List.of();
    } else if (dialect == SqlDialect.POSTGRESQL && fresh.size() >= ROWS_PER_INSERT) {
      ids = copyRows(handle, fresh, handedOff, handOff.owner(), now);
    } else {
      ids = insertRows(handle, fresh, handedOff, handOff.owner(), now);
    }
    if (!firstByKey.isEmpty()) {
      Dedupe.record(handle, fresh, ids);
    }
    long recurring =
        fresh.stream().filter(job -> job.request().kind() == JobKind.RECURRING).count();
    JobCounters.add(handle, Map.of(JobCounters.RECURRING, recurring));
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
        transitions.add(Transition.claim(claim, now));
      } else {
        queued |= job.status() == JobStatus.QUEUED;
      }
    }
    logClaims(handle, transitions);
    if (dialect == SqlDialect.POSTGRESQL && queued) {
      // Delivered when this transaction commits: other instances' dispatchers wake at once.
      handle.execute("NOTIFY " + PgNotifications.CHANNEL);
    }
    return new JobStore.Inserted(
        List.of(result),
        claimed.isEmpty() ? JobStore.Claim.EMPTY : new JobStore.Claim(claimed, transitions));
  }

  static boolean[] handOff(List<NewJob> fresh, HandOff handOff, Instant now) {
    var handedOff = new boolean[fresh.size()];
    int left = handOff.limit();
    for (int k = 0; k < fresh.size() && left > 0; k++) {
      NewJob job = fresh.get(k);
      JobRequest request = job.request();
      if (job.status() == StatementMove.CLAIM.from()
          && handOff.types().contains(request.type())
          && (request.deadline() == null || request.deadline().isAfter(now))) {
        handedOff[k] = true;
        left--;
      }
    }
    return handedOff;
  }

  static ClaimedJob claimedAtInsert(NewJob job, long id, String owner) {
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

  /**
   * PostgreSQL, many rows: their ids first, from the table's sequence in one query, then the rows
   * by COPY ({@link CopyRows}). The server reads a line of text per row instead of 19 bound
   * parameters; twelve batches of 10,000 in a row ran at 39,000–86,000 jobs/s, against
   * 28,000–55,000 with multi-row INSERTs. The ids ascend in the order of {@code jobs}, as {@link
   * #insertRows}'s do.
   */
  private static List<Long> copyRows(
      Handle handle, List<NewJob> jobs, boolean[] handedOff, String owner, Instant now) {
    List<Long> ids =
        new ArrayList<>(
            handle.createQuery(NEXT_IDS).bind("rows", jobs.size()).mapTo(Long.class).list());
    ids.sort(null);
    var rows = new CopyRows("submit", jobs.size());
    for (int k = 0; k < jobs.size(); k++) {
      rows.set(ids.get(k));
      bindJob(rows, jobs.get(k), handedOff[k], owner, now);
      rows.add();
    }
    rows.copy(handle, "jobs", "id, " + JOB_COLUMNS);
    return ids;
  }

  static void bindJob(RowValues row, NewJob job, boolean handedOff, String owner, Instant now) {
    JobRequest request = job.request();
    row.set(request.provider())
        .set(request.action())
        .set(request.type())
        .set(request.kind().name())
        .set(handedOff ? StatementMove.CLAIM.to().name() : job.status().name())
        .set(request.priority())
        .set(Json.write(request.params()))
        .set(job.runAt())
        .set(request.deadline())
        .set(handedOff ? 1 : 0)
        .set(1)
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

  /**
   * The log rows of the hand-off claims. A job's creation has no log row: the log records changes
   * of status, and the job row holds what a creation row would (its {@code created_at}, and its
   * first status, which is the {@code from_status} of its first log row, or its status while it has
   * none).
   */
  private static void logClaims(Handle handle, List<Transition> claims) {
    JobLogWrites.write(handle, "submit", claims);
  }

  static final int ROWS_PER_INSERT = 100;

  static final String JOB_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** The columns {@link #bindJob} binds, in {@link #JOB_VALUES}'s order. */
  static final String JOB_COLUMNS =
      "provider, action, job_type, kind, status, priority, params, run_at, deadline, attempts,"
          + " occurrence, max_attempts, timeout_ms, reference, idempotency_key, recurrence,"
          + " created_at, updated_at, lease_owner";

  private static final String NEXT_IDS =
      "SELECT nextval(pg_get_serial_sequence('jobs', 'id')) FROM generate_series(1, :rows)";

  private static final String INSERT_JOB =
      "INSERT INTO jobs (" + JOB_COLUMNS + ") VALUES " + JOB_VALUES;
}
