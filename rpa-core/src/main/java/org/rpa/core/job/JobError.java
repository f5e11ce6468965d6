package org.rpa.core.job;

import java.util.Objects;

/**
 * Why an execution did not succeed.
 *
 * @param type a short class of error, such as {@code AuthenticationError} or {@code TIMEOUT}
 * @param message what happened, for a human
 */
public record JobError(String type, String message) {
  public JobError {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
  }
}
