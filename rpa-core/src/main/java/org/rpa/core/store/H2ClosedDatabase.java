package org.rpa.core.store;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the pool to drop a connection whose H2 database has closed under it. When H2's MVStore
 * cannot write (a full disk, an I/O error) it closes the database; its connections then answer
 * every statement with "The database has been closed" (90098) yet still pass {@code isValid()}, so
 * the pool, which evicts on SQL states of class 08 only, would lend them forever and the store
 * would stay down after the disk has room again. Evicted, they are replaced by new connections,
 * which open the database file anew. Thread-safe (stateless).
 */
final class H2ClosedDatabase implements SQLExceptionOverride {
  /** H2's {@code DATABASE_IS_CLOSED}: the database closed after a fatal store error. */
  static final int DATABASE_IS_CLOSED = 90098;

  /** H2's {@code DATABASE_CALLED_AT_SHUTDOWN}: the database was shut down. */
  static final int DATABASE_CALLED_AT_SHUTDOWN = 90121;

  // Inside this type "Override" names the pool's enum, hence java.lang.Override spelled out.
  @java.lang.Override
  public Override adjudicate(SQLException e) {
    int code = e.getErrorCode();
    return code == DATABASE_IS_CLOSED || code == DATABASE_CALLED_AT_SHUTDOWN
        ? Override.MUST_EVICT
        : Override.CONTINUE_EVICT;
  }
}
