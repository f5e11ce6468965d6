package org.rpa.core.job;

import java.time.Instant;
import java.util.Map;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.json.Json;

/**
 * A change to a job that has not started: its priority, run_at or parameters. Any of the three may
 * be null, meaning unchanged.
 */
public record JobUpdate(Integer priority, Instant runAt, Map<String, Object> params) {
  public JobUpdate {
    if (priority != null
        && (priority < JobRequest.MIN_PRIORITY || priority > JobRequest.MAX_PRIORITY)) {
      throw new InvalidRequestException(
          "priority",
          priority,
          "must be between " + JobRequest.MIN_PRIORITY + " and " + JobRequest.MAX_PRIORITY);
    }
    params = params == null ? null : Json.normalize("parameters", params);
  }

  public static JobUpdate none() {
    return new JobUpdate(null, null, null);
  }

  public JobUpdate priority(int priority) {
    return new JobUpdate(priority, runAt, params);
  }

  public JobUpdate runAt(Instant runAt) {
    return new JobUpdate(priority, runAt, params);
  }

  public JobUpdate params(Map<String, ?> params) {
    return new JobUpdate(priority, runAt, Json.normalize("parameters", params));
  }

  public boolean isEmpty() {
    return priority == null && runAt == null && params == null;
  }
}
