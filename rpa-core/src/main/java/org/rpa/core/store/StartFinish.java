package org.rpa.core.store;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.rpa.core.job.JobStatus;

/**
 * A quick job's start and finish often reach the writer in the same batch. Written one after the
 * other they cost two updates of the job row and its indexes, and an insert and an update of its
 * execution row; merged they cost one of each. Both transitions still take effect together or not
 * at all, each keeps its log row and its event, and the merged update carries the start's
 * condition, so nothing changes but the number of row writes.
 */
final class StartFinish {
  private StartFinish() {}

  /**
   * Each start in {@code batch} whose finish is also in it, mapped to that finish (by identity).
   */
  static Map<Transition, Transition> pairs(List<Transition> batch) {
    var startsByAttempt = new HashMap<Key, Transition>();
    for (Transition t : batch) {
      if (t.to().status() == JobStatus.RUNNING
          && t.execution() != null
          && t.execution().isStart()) {
        startsByAttempt.put(new Key(t.job().id(), t.to()), t);
      }
    }
    var pairs = new IdentityHashMap<Transition, Transition>();
    if (startsByAttempt.isEmpty()) {
      return pairs;
    }
    for (Transition t : batch) {
      if (t.from().status() != JobStatus.RUNNING
          || t.execution() == null
          || t.execution().isStart()) {
        continue;
      }
      Transition start = startsByAttempt.remove(new Key(t.job().id(), t.from()));
      if (start != null && start.execution().attempt() == t.execution().attempt()) {
        pairs.put(start, t);
      }
    }
    return pairs;
  }

  /**
   * One job-row change with the start's condition (CLAIMED, its attempt and owner) and the finish's
   * result. Its execution and log rows are written from the two originals.
   */
  static Transition merge(Transition start, Transition finish) {
    var ended = finish.times();
    var started = ended.startedAt() != null ? ended.startedAt() : start.times().startedAt();
    var times = new JobTimes(ended.runAt(), started, ended.finishedAt());
    return new Transition(
        start.job(), start.from(), finish.to(), times, finish.outcome(), null, finish.log());
  }

  /** A start's result, or a finish's condition: both RUNNING, at the attempt, by the owner. */
  private record Key(long jobId, JobPosition running) {}
}
