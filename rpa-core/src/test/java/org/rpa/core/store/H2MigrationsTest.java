package org.rpa.core.store;

import org.rpa.core.testing.H2;

class H2MigrationsTest extends MigrationsContract {
  @Override
  protected String emptyDatabase() {
    return H2.memory();
  }
}
