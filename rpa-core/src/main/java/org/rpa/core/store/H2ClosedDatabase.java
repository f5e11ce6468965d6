package org.rpa.core.store;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the pool to drop a connection whose H2 database has closed under it. When H2's MVStore
 * cannot write (a full disk, an I/O error) it closes the database; its connections then answer
 * every statement with "The database has been closed" (90098) yet still pass {@code isValid()}, so
 * the pool, which evicts on SQL states of class 08 only, would lend them forever and the store
 * would stay down after the disk has room again. Evicted, they are replaced by new connections,
 * which open the database file anew. A database shut down on purpose ({@code SHUTDOWN}, 90121) is
 * left to the pool's own checks: its connections report themselves closed, and where the database
 * cannot be opened again, evicting them would make every request wait the pool's connection timeout
 * instead of failing at once. Thread-safe (stateless).
 */
final class H2ClosedDatabase implements SQLExceptionOverride {
  /** H2's {@code DATABASE_IS_CLOSED}: the database closed after a fatal store error. */
  static final int DATABASE_IS_CLOSED = 90098;

  // Inside this type "Override" names the pool's enum, hence java.lang.Override spelled out.
  @java.lang.Override
  public Override adjudicate(SQLException e) {
    return e.getErrorCode() == DATABASE_IS_CLOSED ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
  }
}
