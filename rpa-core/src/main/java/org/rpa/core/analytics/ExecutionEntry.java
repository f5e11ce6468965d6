package org.rpa.core.analytics;

import java.util.Objects;
import org.rpa.core.job.Execution;

/**
 * An execution with the type and reference of its job, as {@link Analytics#executions} lists it.
 *
 * @param reference the job's reference; null when it has none
 */
public record ExecutionEntry(
    String provider, String action, String reference, Execution execution) {
  public ExecutionEntry {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(execution, "execution");
  }

  /** The job type, {@code provider.action}. */
  public String jobType() {
    return provider + "." + action;
  }
}
