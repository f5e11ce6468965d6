package org.rpa.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.job.JobId;
import org.rpa.core.store.Databases;
import org.rpa.core.store.JdbcJobStore;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;

/**
 * Invariant 1: a job whose submit returned is durable. A child JVM submits jobs and prints each id
 * after its submit returned; it is killed with {@code kill -9}; a fresh store on the same database
 * must find every printed id.
 */
@ExtendWith(PostgresExtension.class)
class DurabilityIT {
  private static final int PRINTED_BEFORE_KILL = 300;

  @Test
  void every_acknowledged_submit_survives_kill_9_on_an_h2_file_database(@TempDir Path dir)
      throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("rpa").toAbsolutePath();
    assertEveryPrintedIdSurvives(url, dir);
  }

  @Test
  void every_acknowledged_submit_survives_kill_9_on_postgresql(
      PgDatabase database, @TempDir Path dir) throws Exception {
    assertEveryPrintedIdSurvives(database.jdbcUrl(), dir);
  }

  private static void assertEveryPrintedIdSurvives(String url, Path dir) throws Exception {
    List<Long> printed = new ArrayList<>();
    try (var child = ChildJvm.start(SubmitterMain.class, dir.resolve("child.log"), url)) {
      for (int i = 0; i < PRINTED_BEFORE_KILL; i++) {
        printed.add(Long.parseLong(child.nextLine(60)));
      }
      child.kill9();
    }
    var pool = Databases.pool(url, 2);
    try (var store = new JdbcJobStore(pool, pool)) {
      var missing = new ArrayList<Long>();
      for (long id : printed) {
        if (store.find(JobId.of(id)).isEmpty()) {
          missing.add(id);
        }
      }
      assertThat(missing).as("acknowledged but lost").isEmpty();
      System.out.printf(
          "durability on %s: %d acknowledged ids, all found after kill -9%n",
          store.engine(), printed.size());
    }
  }
}
