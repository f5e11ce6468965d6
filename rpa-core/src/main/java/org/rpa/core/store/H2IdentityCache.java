package org.rpa.core.store;

import java.sql.Statement;

/**
 * Migration 6, H2 only: the identity columns of the tables written per job hand out ids from a
 * cache of {@value #CACHE}. H2 records a sequence's progress in a commit of its own each time its
 * cache runs out (32 values by default): with four log rows and an execution row per job (then),
 * that was an extra full store of the database every eight jobs, a quarter of the writer's time. A
 * crash now skips at most {@value #CACHE} ids; it never reuses one, and ids keep their order, since
 * one H2 database has one sequence in memory. PostgreSQL is left alone: its sequences need no
 * commit, and a per-session cache there would hand out ids out of order.
 */
final class H2IdentityCache extends H2Migration {
  static final int CACHE = 1_000;

  H2IdentityCache() {
    super("6", "h2 identity cache", CACHE);
  }

  @Override
  void migrateH2(Statement statement) throws Exception {
    for (String table : new String[] {"jobs", "job_executions", "job_log"}) {
      statement.execute("ALTER TABLE " + table + " ALTER COLUMN id SET CACHE " + CACHE);
    }
  }
}
