package org.rpa.core.engine;

import org.rpa.core.testing.H2;

/** Shared submit commits on H2; the database is taken away by closing the orchestrator's pool. */
class SharedCommitsTest extends SharedCommitsContract {
  private final String url = H2.memory();

  @Override
  protected String url() {
    return url;
  }

  @Override
  protected void takeDown() {
    pool.close();
  }

  @Override
  protected void bringBack() {
    // The in-memory database outlives the pool: the test reads it on a connection of its own.
  }
}
