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

  /**
   * Whether the database refused the data rather than failed: a constraint the rows broke or a
   * value it could not take (SQL state class 23 or 22). Another request may well succeed; a
   * connection failure or a timeout is not such a refusal.
   */
  public boolean refusedData() {
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("22") || state.startsWith("23")) {
          return true;
        }
      }
    }
    return false;
  }

  /** What the store was doing, such as {@code claim} or {@code submit}. */
  public String operation() {
    return operation;
  }
}
