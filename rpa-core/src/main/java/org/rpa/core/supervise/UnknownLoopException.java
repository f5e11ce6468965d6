package org.rpa.core.supervise;

import java.util.Objects;
import org.rpa.core.RpaException;

/** No loop with this (valid) name is registered with the {@link Supervisor}. */
public final class UnknownLoopException extends RpaException {
  private final String loopName;

  public UnknownLoopException(String loopName) {
    super("No worker named '" + loopName + "'");
    this.loopName = Objects.requireNonNull(loopName, "loopName");
  }

  /** The name that was asked for. */
  public String loopName() {
    return loopName;
  }
}
