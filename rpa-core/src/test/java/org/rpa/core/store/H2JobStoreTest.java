package org.rpa.core.store;

import org.rpa.core.testing.H2;

class H2JobStoreTest extends JobStoreContract {
  @Override
  protected JobStore openStore() {
    var pool = Databases.pool(H2.memory(), 8);
    Migrations.migrate(pool);
    return new JdbcJobStore(pool, pool);
  }
}
