package org.rpa.core.supervise;

import static org.rpa.core.supervise.WorkerStatus.Status.CRASHED;
import static org.rpa.core.supervise.WorkerStatus.Status.FAILED;
import static org.rpa.core.supervise.WorkerStatus.Status.RESTARTING;
import static org.rpa.core.supervise.WorkerStatus.Status.RUNNING;
import static org.rpa.core.supervise.WorkerStatus.Status.STOPPED;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rpa.core.supervise.WorkerStatus.Status;

/** The legal worker state changes, as one table. */
final class WorkerTransitions {
  private static final Map<Status, Set<Status>> LEGAL =
      Map.of(
          STOPPED, EnumSet.of(RUNNING, RESTARTING),
          RUNNING, EnumSet.of(STOPPED, CRASHED, RESTARTING),
          CRASHED, EnumSet.of(RUNNING, RESTARTING, STOPPED, FAILED),
          RESTARTING, EnumSet.of(RUNNING, STOPPED),
          FAILED, EnumSet.of(RUNNING, RESTARTING));

  private WorkerTransitions() {}

  static boolean isLegal(Status from, Status to) {
    return LEGAL.get(from).contains(to);
  }

  /**
   * @throws IllegalStateException with a message fit for a 400 if the change is not legal
   */
  static void check(String workerName, Status from, Status to, String action) {
    if (!isLegal(from, to)) {
      throw new IllegalStateException(
          "Worker '"
              + workerName
              + "' is "
              + from.name().toLowerCase(Locale.ROOT)
              + " and cannot be "
              + action);
    }
  }
}
