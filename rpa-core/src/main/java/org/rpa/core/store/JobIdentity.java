package org.rpa.core.store;

import java.util.Objects;
import org.rpa.core.job.Job;

/** Which job a {@link Transition} moves: its id and its type, {@code provider.action}. */
public record JobIdentity(long id, String provider, String action) {
  public JobIdentity {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(action, "action");
  }

  static JobIdentity of(Job job) {
    return new JobIdentity(job.id().value(), job.provider(), job.action());
  }
}
