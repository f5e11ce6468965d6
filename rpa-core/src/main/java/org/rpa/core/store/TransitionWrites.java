package org.rpa.core.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.rpa.core.job.IllegalJobTransitionException;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.JobTransitions;
import org.rpa.core.job.Step;
import org.rpa.core.json.Json;

/**
 * Applies conditional status changes with their execution rows, steps and log rows, in the caller's
 * transaction, as JDBC batches: one batch per statement shape, not one round trip per job. The one
 * write path of every {@link Transition}: {@link #apply} checks each pair against {@link
 * JobTransitions} first.
 */
final class TransitionWrites {
  private TransitionWrites() {}

  /**
   * Writes the transitions that still meet their conditions.
   *
   * @return those that took effect
   * @throws IllegalJobTransitionException before writing anything, if the table forbids a pair
   */
  static List<Transition> apply(Handle handle, SqlDialect dialect, List<Transition> transitions) {
    for (Transition t : transitions) {
      JobTransitions.check(t.job().id(), t.from().status(), t.to().status());
    }
    var ordered = new ArrayList<>(transitions);
    // A start must be written before a finish of the same attempt in the same batch.
    ordered.sort(Comparator.comparingInt(t -> t.to().status() == JobStatus.RUNNING ? 0 : 1));
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
    JobCounters.add(handle, endings(accepted));
    writeExecutions(handle, dialect, accepted, finished, finishOf);
    JobLogWrites.write(handle, accepted);
    return accepted;
  }

  /** How many of the transitions end their job, by final status (none leaves one). */
  private static Map<String, Long> endings(List<Transition> accepted) {
    var endings = new HashMap<String, Long>();
    for (Transition t : accepted) {
      if (t.to().status().isFinal()) {
        endings.merge(t.to().status().name(), 1L, Long::sum);
      }
    }
    return endings;
  }

  private static String shape(Transition t) {
    return (t.from().owner() != null ? "owner" : "any") + (t.outcome() != null ? "+outcome" : "");
  }

  private static List<Transition> updateJobs(Handle handle, List<Transition> group) {
    Transition first = group.get(0);
    boolean ownerCheck = first.from().owner() != null;
    boolean outcome = first.outcome() != null;
    String sql =
        "UPDATE jobs SET status = ?, attempts = ?, occurrence = ?, lease_owner = ?,"
            + " run_at = COALESCE(?, run_at), started_at = COALESCE(?, started_at),"
            + " finished_at = COALESCE(?, finished_at), updated_at = ?"
            + (outcome ? ", result = ?, error_type = ?, error_message = ?" : "")
            + " WHERE id = ? AND status = ? AND occurrence = ? AND attempts = ?"
            + (ownerCheck ? " AND lease_owner = ?" : "");
    int[] counts;
    try (RowBatch batch = RowBatch.of(handle, "transition", sql)) {
      for (Transition t : group) {
        batch
            .set(t.to().status().name())
            .set(t.to().attempts())
            .set(t.to().occurrence())
            .set(t.to().owner())
            .set(t.times().runAt())
            .set(t.times().startedAt())
            .set(t.times().finishedAt())
            .set(t.log().at());
        if (outcome) {
          var error = t.outcome().error();
          batch
              .set(Json.write(t.outcome().result()))
              .set(error == null ? null : error.type())
              .set(error == null ? null : truncate(error.message(), 4000));
        }
        batch
            .set(t.job().id())
            .set(t.from().status().name())
            .set(t.from().occurrence())
            .set(t.from().attempts());
        if (ownerCheck) {
          batch.set(t.from().owner());
        }
        batch.add();
      }
      counts = batch.execute();
    }
    var accepted = new ArrayList<Transition>(group.size());
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        accepted.add(group.get(i));
      }
    }
    return accepted;
  }

  /**
   * Inserts the execution rows of starts and finishes them, one statement shape per batch, and adds
   * the executions finished to the hourly rollups. A start whose finish is in {@code merged} (keyed
   * by the start) is inserted finished, in one row write.
   */
  private static void writeExecutions(
      Handle handle,
      SqlDialect dialect,
      List<Transition> accepted,
      List<Transition> merged,
      Map<Transition, Transition> finishOf) {
    Set<Transition> alreadyFinished = Collections.newSetFromMap(new IdentityHashMap<>());
    alreadyFinished.addAll(merged);
    var starts = new Lazy(handle, INSERT_EXECUTION);
    var finishedStarts = new Lazy(handle, INSERT_FINISHED);
    var finishes = new Lazy(handle, FINISH_EXECUTION);
    var steps = new Lazy(handle, INSERT_STEP);
    var rolledUp = new ArrayList<ExecutionRollups.Finished>();
    var finishing = new ArrayList<Transition>();
    try (starts;
        finishedStarts;
        finishes;
        steps) {
      for (Transition t : accepted) {
        var change = t.execution();
        if (change == null) {
          continue;
        }
        if (change.isStart()) {
          Transition finish = finishOf.get(t);
          if (finish != null && alreadyFinished.contains(finish)) {
            bindOutcome(bindStart(finishedStarts.get(), t), finish).add();
            rolledUp.add(finished(finish, t.log().at()));
          } else {
            bindStart(starts.get(), t).add();
          }
          continue;
        }
        if (!alreadyFinished.contains(t)) {
          bindOutcome(finishes.get(), t)
              .set(t.job().id())
              .set(t.from().occurrence())
              .set(change.attempt())
              .add();
          finishing.add(t);
        }
        for (Step step : change.steps()) {
          steps
              .get()
              .set(t.job().id())
              .set(t.from().occurrence())
              .set(change.attempt())
              .set(step.seq())
              .set(truncate(step.name(), 255))
              .set(step.outcome().name())
              .set(step.healing() == null ? null : step.healing().name())
              .set(step.duration().toMillis())
              .set(step.at())
              .set(Json.write(step.details()))
              .add();
        }
      }
      starts.execute();
      finishedStarts.execute();
      int[] finishedRows = finishes.execute();
      steps.execute();
      rolledUp.addAll(separateFinishes(handle, finishing, finishedRows));
    }
    ExecutionRollups.record(handle, dialect, rolledUp);
  }

  /** What the rollups add up of {@code finish}'s execution, which started at {@code startedAt}. */
  private static ExecutionRollups.Finished finished(Transition finish, Instant startedAt) {
    var change = finish.execution();
    return new ExecutionRollups.Finished(
        finish.job().provider() + "." + finish.job().action(),
        startedAt,
        finish.log().at(),
        change.status(),
        change.attempt(),
        change.duration() == null ? null : change.duration().toMillis());
  }

  /**
   * The finishes of executions started by an earlier batch that took effect ({@code rows}, their
   * update counts in order), each with its start time read back from its row.
   */
  private static List<ExecutionRollups.Finished> separateFinishes(
      Handle handle, List<Transition> finishes, int[] rows) {
    var done = new ArrayList<Transition>(finishes.size());
    for (int i = 0; i < finishes.size(); i++) {
      if (rows[i] != 0) {
        done.add(finishes.get(i));
      }
    }
    if (done.isEmpty()) {
      return List.of();
    }
    var startedAt = new HashMap<String, Instant>();
    handle
        .createQuery(
            "SELECT job_id, occurrence, attempt, started_at FROM job_executions"
                + " WHERE job_id IN (<ids>)")
        .bindList("ids", done.stream().map(t -> t.job().id()).distinct().toList())
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getLong("job_id")
                        + ":"
                        + rs.getInt("occurrence")
                        + ":"
                        + rs.getInt("attempt"),
                    RowMappers.instant(rs, "started_at")))
        .forEach(entry -> startedAt.put(entry.getKey(), entry.getValue()));
    var finished = new ArrayList<ExecutionRollups.Finished>(done.size());
    for (Transition t : done) {
      String key = t.job().id() + ":" + t.from().occurrence() + ":" + t.execution().attempt();
      finished.add(finished(t, startedAt.get(key)));
    }
    return finished;
  }

  /** Binds job, occurrence, attempt, executor and start time of a start's execution row. */
  private static RowBatch bindStart(RowBatch batch, Transition start) {
    var change = start.execution();
    return batch
        .set(start.job().id())
        .set(start.to().occurrence())
        .set(change.attempt())
        .set(change.executor())
        .set(start.log().at());
  }

  /** Binds status, finish time, duration, result and error, in that order. */
  private static RowBatch bindOutcome(RowBatch batch, Transition finish) {
    var change = finish.execution();
    var error = change.error();
    return batch
        .set(change.status().name())
        .set(finish.log().at())
        .set(change.duration() == null ? null : change.duration().toMillis())
        .set(Json.write(change.result()))
        .set(error == null ? null : error.type())
        .set(error == null ? null : truncate(error.message(), 4000));
  }

  /** A batch prepared on first use, so that statement shapes a batch does not need cost nothing. */
  private static final class Lazy implements AutoCloseable {
    private final Handle handle;
    private final String sql;
    private RowBatch batch;

    Lazy(Handle handle, String sql) {
      this.handle = handle;
      this.sql = sql;
    }

    RowBatch get() {
      if (batch == null) {
        batch = RowBatch.of(handle, "execution", sql);
      }
      return batch;
    }

    int[] execute() {
      return batch == null ? new int[0] : batch.execute();
    }

    @Override
    public void close() {
      if (batch != null) {
        batch.close();
      }
    }
  }

  static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  private static final String INSERT_EXECUTION =
      "INSERT INTO job_executions (job_id, occurrence, attempt, status, executor, started_at)"
          + " VALUES (?, ?, ?, 'RUNNING', ?, ?)";

  /** An execution inserted already finished: its start, then {@link #bindOutcome}'s columns. */
  private static final String INSERT_FINISHED =
      "INSERT INTO job_executions (job_id, occurrence, attempt, executor, started_at, status,"
          + " finished_at, duration_ms, result, error_type, error_message)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String FINISH_EXECUTION =
      "UPDATE job_executions SET status = ?, finished_at = ?, duration_ms = ?, result = ?,"
          + " error_type = ?, error_message = ?"
          + " WHERE job_id = ? AND occurrence = ? AND attempt = ? AND status = 'RUNNING'";

  private static final String INSERT_STEP =
      "INSERT INTO job_steps (job_id, occurrence, attempt, seq, name, outcome, healing,"
          + " duration_ms, at, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
}
