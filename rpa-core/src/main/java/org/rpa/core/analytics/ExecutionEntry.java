package org.rpa.core.analytics;

import java.util.Objects;
import org.rpa.core.job.Execution;

/** An execution with the type of its job, as {@link Analytics#executions} lists it. */
public record ExecutionEntry(String provider, String action, Execution execution) {
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
