package org.rpa.core.schedule;

import java.util.List;

/**
 * A snapshot of every named background task, in registration order.
 *
 * @param running whether the scheduler has been started (see {@link Schedules#setRunning})
 * @param jobCount how many tasks are registered
 */
public record SchedulerStatus(boolean running, int jobCount, List<TaskStatus> jobs) {
  public SchedulerStatus {
    jobs = List.copyOf(jobs);
  }
}
