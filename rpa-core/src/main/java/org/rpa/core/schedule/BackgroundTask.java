package org.rpa.core.schedule;

/**
 * The body of a named background task. It runs in the thread that calls {@link Schedules#runDue()}
 * or {@link Schedules#runNow(String)}; whatever it throws is logged and counted by {@link
 * Schedules}, never rethrown.
 */
@FunctionalInterface
public interface BackgroundTask {
  /** Does one run of the task. */
  void run() throws Exception;
}
