package org.rpa.core.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.rpa.core.internal.Json;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.Step;

/**
 * Applies conditional status changes with their execution rows, steps and log rows, in the caller's
 * transaction, as JDBC batches: one batch per statement shape, not one round trip per job.
 */
final class TransitionWrites {
  private TransitionWrites() {}

  static List<Transition> apply(Handle handle, List<Transition> transitions) {
    var ordered = new ArrayList<>(transitions);
    // A start must be written before a finish of the same attempt in the same batch.
    ordered.sort(Comparator.comparingInt(t -> t.to() == JobStatus.RUNNING ? 0 : 1));
    Map<Transition, Transition> finishOf = StartFinish.pairs(ordered);
    Set<Transition> pairedFinishes = Collections.newSetFromMap(new IdentityHashMap<>());
    pairedFinishes.addAll(finishOf.values());
    var groups = new LinkedHashMap<String, List<Transition>>();
    var mergedFrom = new IdentityHashMap<Transition, Transition>();
    for (Transition t : ordered) {
      if (pairedFinishes.contains(t)) {
        continue;
      }
      Transition finish = finishOf.get(t);
      Transition write = t;
      if (finish != null) {
        write = StartFinish.merge(t, finish);
        mergedFrom.put(write, t);
      }
      groups.computeIfAbsent(shape(write), key -> new ArrayList<>()).add(write);
    }
    var written = new ArrayList<Transition>(ordered.size());
    for (Map.Entry<String, List<Transition>> group : groups.entrySet()) {
      written.addAll(updateJobs(handle, group.getValue()));
    }
    var accepted = new ArrayList<Transition>(ordered.size());
    var finished = new ArrayList<Transition>();
    for (Transition t : written) {
      Transition start = mergedFrom.get(t);
      if (start == null) {
        accepted.add(t);
      } else {
        accepted.add(start);
        accepted.add(finishOf.get(start));
        finished.add(finishOf.get(start));
      }
    }
    writeExecutions(handle, accepted, finished, finishOf);
    writeLog(handle, accepted);
    return accepted;
  }

  private static String shape(Transition t) {
    return (t.expectedOwner() != null ? "owner" : "any") + (t.outcome() != null ? "+outcome" : "");
  }

  private static List<Transition> updateJobs(Handle handle, List<Transition> group) {
    Transition first = group.get(0);
    boolean ownerCheck = first.expectedOwner() != null;
    boolean outcome = first.outcome() != null;
    String sql =
        "UPDATE jobs SET status = :to, attempts = :newAttempts, occurrence = :newOccurrence,"
            + " lease_owner = :newOwner, run_at = COALESCE(:runAt, run_at),"
            + " started_at = COALESCE(:startedAt, started_at),"
            + " finished_at = COALESCE(:finishedAt, finished_at), updated_at = :at"
            + (outcome
                ? ", result = :result, error_type = :errorType, error_message = :errorMessage"
                : "")
            + " WHERE id = :id AND status = :from AND occurrence = :occurrence"
            + " AND attempts = :attempts"
            + (ownerCheck ? " AND lease_owner = :owner" : "");
    PreparedBatch batch = handle.prepareBatch(sql);
    for (Transition t : group) {
      batch
          .bind("to", t.to().name())
          .bind("newAttempts", t.newAttempts())
          .bind("newOccurrence", t.newOccurrence())
          .bind("newOwner", t.newOwner())
          .bindByType("runAt", t.runAt(), Instant.class)
          .bindByType("startedAt", t.startedAt(), Instant.class)
          .bindByType("finishedAt", t.finishedAt(), Instant.class)
          .bindByType("at", t.at(), Instant.class)
          .bind("id", t.jobId())
          .bind("from", t.from().name())
          .bind("occurrence", t.occurrence())
          .bind("attempts", t.attempts());
      if (ownerCheck) {
        batch.bind("owner", t.expectedOwner());
      }
      if (outcome) {
        var error = t.outcome().error();
        batch
            .bind("result", Json.write(t.outcome().result()))
            .bind("errorType", error == null ? null : error.type())
            .bind("errorMessage", error == null ? null : truncate(error.message(), 4000));
      }
      batch.add();
    }
    int[] counts = batch.execute();
    var accepted = new ArrayList<Transition>(group.size());
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        accepted.add(group.get(i));
      }
    }
    return accepted;
  }

  /**
   * Inserts the execution rows of starts and finishes them, one statement shape per batch. A start
   * whose finish is in {@code merged} (keyed by the start) is inserted finished, in one row write.
   */
  private static void writeExecutions(
      Handle handle,
      List<Transition> accepted,
      List<Transition> merged,
      Map<Transition, Transition> finishOf) {
    Set<Transition> alreadyFinished = Collections.newSetFromMap(new IdentityHashMap<>());
    alreadyFinished.addAll(merged);
    PreparedBatch starts = null;
    PreparedBatch finishedStarts = null;
    PreparedBatch finishes = null;
    PreparedBatch steps = null;
    for (Transition t : accepted) {
      var change = t.execution();
      if (change == null) {
        continue;
      }
      if (change.isStart()) {
        Transition finish = finishOf.get(t);
        if (finish != null && alreadyFinished.contains(finish)) {
          finishedStarts =
              finishedStarts != null ? finishedStarts : handle.prepareBatch(INSERT_FINISHED);
          bindOutcome(finishedStarts, finish).bindByType("startedAt", t.at(), Instant.class);
          finishedStarts
              .bind("jobId", t.jobId())
              .bind("occurrence", t.newOccurrence())
              .bind("attempt", change.attempt())
              .bind("executor", change.executor())
              .add();
          continue;
        }
        starts = starts != null ? starts : handle.prepareBatch(INSERT_EXECUTION);
        starts
            .bind("jobId", t.jobId())
            .bind("occurrence", t.newOccurrence())
            .bind("attempt", change.attempt())
            .bind("executor", change.executor())
            .bindByType("at", t.at(), Instant.class)
            .add();
        continue;
      }
      if (!alreadyFinished.contains(t)) {
        finishes = finishes != null ? finishes : handle.prepareBatch(FINISH_EXECUTION);
        bindOutcome(finishes, t)
            .bind("jobId", t.jobId())
            .bind("occurrence", t.occurrence())
            .bind("attempt", change.attempt())
            .add();
      }
      for (Step step : change.steps()) {
        steps = steps != null ? steps : handle.prepareBatch(INSERT_STEP);
        steps
            .bind("jobId", t.jobId())
            .bind("occurrence", t.occurrence())
            .bind("attempt", change.attempt())
            .bind("seq", step.seq())
            .bind("name", truncate(step.name(), 255))
            .bind("outcome", step.outcome().name())
            .bind("duration", step.duration().toMillis())
            .bindByType("at", step.at(), Instant.class)
            .bind("details", Json.write(step.details()))
            .add();
      }
    }
    for (PreparedBatch batch : new PreparedBatch[] {starts, finishedStarts, finishes, steps}) {
      if (batch != null) {
        batch.execute();
      }
    }
  }

  private static PreparedBatch bindOutcome(PreparedBatch batch, Transition finish) {
    var change = finish.execution();
    var error = change.error();
    return batch
        .bind("status", change.status().name())
        .bindByType("at", finish.at(), Instant.class)
        .bind("duration", change.duration() == null ? null : change.duration().toMillis())
        .bind("result", Json.write(change.result()))
        .bind("errorType", error == null ? null : error.type())
        .bind("errorMessage", error == null ? null : truncate(error.message(), 4000));
  }

  static void writeLog(Handle handle, List<Transition> accepted) {
    if (accepted.isEmpty()) {
      return;
    }
    PreparedBatch log = handle.prepareBatch(INSERT_LOG);
    addLogRows(log, accepted);
    log.execute();
  }

  /** Adds the log row of each transition to a batch of {@link #INSERT_LOG}. */
  static void addLogRows(PreparedBatch log, List<Transition> transitions) {
    for (Transition t : transitions) {
      log.bind("jobId", t.jobId())
          .bind("attempt", t.attemptForLog())
          .bind("from", t.from().name())
          .bind("to", t.to().name())
          .bindByType("at", t.at(), Instant.class)
          .bind("executor", t.executor())
          .bind("reason", truncate(t.reason(), 255))
          .add();
    }
  }

  static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  private static final String INSERT_EXECUTION =
      "INSERT INTO job_executions (job_id, occurrence, attempt, status, executor, started_at)"
          + " VALUES (:jobId, :occurrence, :attempt, 'RUNNING', :executor, :at)";

  private static final String INSERT_FINISHED =
      "INSERT INTO job_executions (job_id, occurrence, attempt, status, executor, started_at,"
          + " finished_at, duration_ms, result, error_type, error_message) VALUES (:jobId,"
          + " :occurrence, :attempt, :status, :executor, :startedAt, :at, :duration, :result,"
          + " :errorType, :errorMessage)";

  private static final String FINISH_EXECUTION =
      "UPDATE job_executions SET status = :status, finished_at = :at, duration_ms = :duration,"
          + " result = :result, error_type = :errorType, error_message = :errorMessage"
          + " WHERE job_id = :jobId AND occurrence = :occurrence AND attempt = :attempt"
          + " AND status = 'RUNNING'";

  private static final String INSERT_STEP =
      "INSERT INTO job_steps (job_id, occurrence, attempt, seq, name, outcome, duration_ms, at,"
          + " details) VALUES (:jobId, :occurrence, :attempt, :seq, :name, :outcome, :duration,"
          + " :at, :details)";

  static final String INSERT_LOG =
      "INSERT INTO job_log (job_id, attempt, from_status, to_status, at, executor, reason)"
          + " VALUES (:jobId, :attempt, :from, :to, :at, :executor, :reason)";
}
