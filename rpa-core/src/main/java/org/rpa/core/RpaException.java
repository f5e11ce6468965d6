package org.rpa.core;

/**
 * The root of every exception the core throws. Each subclass keeps the ids it is about as fields,
 * and its message names them.
 */
public abstract class RpaException extends RuntimeException {
  protected RpaException(String message) {
    super(message);
  }

  protected RpaException(String message, Throwable cause) {
    super(message, cause);
  }
}
