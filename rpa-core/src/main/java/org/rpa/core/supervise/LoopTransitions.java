package org.rpa.core.supervise;

import static org.rpa.core.supervise.LoopStatus.Status.CRASHED;
import static org.rpa.core.supervise.LoopStatus.Status.FAILED;
import static org.rpa.core.supervise.LoopStatus.Status.RESTARTING;
import static org.rpa.core.supervise.LoopStatus.Status.RUNNING;
import static org.rpa.core.supervise.LoopStatus.Status.STOPPED;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rpa.core.supervise.LoopStatus.Status;

/** The legal loop state changes, as one table. */
final class LoopTransitions {
  private static final Map<Status, Set<Status>> LEGAL =
      Map.of(
          STOPPED, EnumSet.of(RUNNING, RESTARTING),
          RUNNING, EnumSet.of(STOPPED, CRASHED, RESTARTING),
          CRASHED, EnumSet.of(RUNNING, RESTARTING, STOPPED, FAILED),
          RESTARTING, EnumSet.of(RUNNING, STOPPED),
          FAILED, EnumSet.of(RUNNING, RESTARTING));

  private LoopTransitions() {}

  static boolean isLegal(Status from, Status to) {
    return LEGAL.get(from).contains(to);
  }

  /**
   * @throws IllegalStateException with a message fit for a 400 if the change is not legal
   */
  static void check(String loopName, Status from, Status to, String action) {
    if (!isLegal(from, to)) {
      throw new IllegalStateException(
          "Worker '"
              + loopName
              + "' is "
              + from.name().toLowerCase(Locale.ROOT)
              + " and cannot be "
              + action);
    }
  }
}
