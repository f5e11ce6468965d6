package org.rpa.core;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The store could not do what was asked (the database is down, a statement failed). It wraps the
 * SQL or Jdbi exception so that no raw SQL exception leaves the core.
 */
public final class StoreException extends RpaException {
  private final String operation;

  public StoreException(String operation, Throwable cause) {
    super(
        "Store operation '" + operation + "' failed: " + cause.getMessage() + rootCause(cause),
        cause);
    this.operation = operation;
  }

  /**
   * The root cause's words when the message does not say them: H2 answers "The database has been
   * closed" long after the write that closed it failed with "No space left on device", and that is
   * what an operator needs to read.
   */
  private static String rootCause(Throwable cause) {
    // A chain that loops back on itself ends where it does.
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable root = cause;
    seen.add(root);
    while (root.getCause() != null && seen.add(root.getCause())) {
      root = root.getCause();
    }
    String message = String.valueOf(cause.getMessage());
    if (root == cause || root.getMessage() == null || message.contains(root.getMessage())) {
      return "";
    }
    return " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
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
