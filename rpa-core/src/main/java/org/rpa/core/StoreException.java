package org.rpa.core;

/**
 * The store could not do what was asked (the database is down, a statement failed). It wraps the
 * SQL or Jdbi exception so that no raw SQL exception leaves the core.
 */
public final class StoreException extends RpaException {
  private final String operation;

  public StoreException(String operation, Throwable cause) {
    super("Store operation '" + operation + "' failed: " + cause.getMessage(), cause);
    this.operation = operation;
  }

  /** What the store was doing, such as {@code claim} or {@code submit}. */
  public String operation() {
    return operation;
  }
}
