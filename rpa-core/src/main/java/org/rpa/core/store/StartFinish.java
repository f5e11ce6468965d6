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
      if (t.to() == JobStatus.RUNNING && t.execution() != null && t.execution().isStart()) {
        startsByAttempt.put(
            new Key(t.jobId(), t.newOccurrence(), t.newAttempts(), t.newOwner()), t);
      }
    }
    var pairs = new IdentityHashMap<Transition, Transition>();
    if (startsByAttempt.isEmpty()) {
      return pairs;
    }
    for (Transition t : batch) {
      if (t.from() != JobStatus.RUNNING || t.execution() == null || t.execution().isStart()) {
        continue;
      }
      Transition start =
          startsByAttempt.remove(
              new Key(t.jobId(), t.occurrence(), t.attempts(), t.expectedOwner()));
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
    return TransitionBuilder.of(
            start.jobId(),
            start.provider(),
            start.action(),
            start.from(),
            finish.to(),
            start.occurrence(),
            start.attempts(),
            finish.at())
        .owner(start.expectedOwner())
        .occurrence(finish.newOccurrence())
        .attempts(finish.newAttempts())
        .leaseTo(finish.newOwner())
        .runAt(finish.runAt())
        .startedAt(finish.startedAt() != null ? finish.startedAt() : start.startedAt())
        .finishedAt(finish.finishedAt())
        .outcome(finish.outcome())
        .by(finish.executor())
        .reason(finish.reason())
        .build();
  }

  private record Key(long jobId, int occurrence, int attempts, String owner) {}
}
