package org.rpa.core.supervise;

import java.util.Objects;
import org.rpa.core.RpaException;

/** No worker with this (valid) name is registered with the {@link Supervisor}. */
public final class UnknownWorkerException extends RpaException {
  private final String workerName;

  public UnknownWorkerException(String workerName) {
    super("No worker named '" + workerName + "'");
    this.workerName = Objects.requireNonNull(workerName, "workerName");
  }

  /** The name that was asked for. */
  public String workerName() {
    return workerName;
  }
}
