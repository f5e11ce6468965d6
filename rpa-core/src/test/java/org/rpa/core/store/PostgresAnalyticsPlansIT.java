package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.statement.SqlStatements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rpa.core.analytics.ExecutionFilter;
import org.rpa.core.analytics.ExecutionQuery;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.JobId;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;

/**
 * The analytics' statements read their indexes on PostgreSQL, newest first without a sort. The
 * tables are empty here, so sequential scans are priced out to show which index serves each.
 */
@ExtendWith(PostgresExtension.class)
class PostgresAnalyticsPlansIT {
  private final JdbcJobStore store;

  PostgresAnalyticsPlansIT(PgDatabase database) {
    var pool = Databases.pool(database.jdbcUrl(), 2);
    Migrations.migrate(pool);
    store = new JdbcJobStore(pool, pool);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private String plan(ExecutionQuery query) {
    return store.read(
        "plan",
        handle -> {
          handle.execute("SET enable_seqscan = off");
          List<String> lines =
              ExecutionQueries.select(handle, store.dialect(), "EXPLAIN ", query)
                  .mapTo(String.class)
                  .list();
          return String.join("\n", lines);
        });
  }

  @Test
  void the_queue_depth_is_counted_on_the_partial_claim_index() {
    String plan =
        store.read(
            "plan",
            handle -> {
              handle.execute("SET enable_seqscan = off");
              return String.join(
                  "\n",
                  handle
                      .createQuery("EXPLAIN " + JdbcAnalyticsStore.QUEUE_DEPTH)
                      .mapTo(String.class)
                      .list());
            });
    assertThat(plan).contains("jobs_claim");
  }

  /**
   * The plan of a count. Bitmap scans are priced out too: on an empty table the planner prefers
   * them, on a vacuumed one an index-only scan, which is what is shown possible here.
   */
  private String explain(String sql) {
    return store.read(
        "plan",
        handle -> {
          handle.execute("SET enable_seqscan = off");
          handle.execute("SET enable_bitmapscan = off");
          return String.join(
              "\n",
              handle
                  .createQuery("EXPLAIN " + sql)
                  .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
                  .bindByType("from", Instant.parse("2026-03-01T10:00:00Z"), Instant.class)
                  .bindByType("to", Instant.parse("2026-03-01T10:05:00Z"), Instant.class)
                  .mapTo(String.class)
                  .list());
        });
  }

  @Test
  void the_live_statuses_are_counted_on_the_partial_claim_and_due_indexes() {
    assertThat(explain(JobCountQueries.LEASED_AND_QUEUED))
        .contains("Index Only Scan using jobs_claim")
        .doesNotContain("Seq Scan");
    assertThat(explain(JobCountQueries.SCHEDULED)).contains("jobs_due").doesNotContain("Seq Scan");
  }

  @Test
  void the_outcomes_of_a_window_are_counted_on_the_finish_index_alone() {
    assertThat(explain(JobCountQueries.OUTCOMES))
        .contains("Index Only Scan using job_executions_finished")
        .doesNotContain("Seq Scan");
    assertThat(explain(JobCountQueries.OUTCOMES_SINCE))
        .contains("Index Only Scan using job_executions_finished")
        .doesNotContain("Seq Scan");
  }

  @Test
  void one_unsuccessful_status_walks_the_partial_status_index_down() {
    var query = ExecutionQuery.of(ExecutionFilter.all().status(ExecutionStatus.TIMEOUT));
    assertThat(plan(query))
        .contains("Index Scan Backward using job_executions_status")
        .doesNotContain("Sort");
  }

  @Test
  void one_jobs_executions_walk_its_attempt_index_down() {
    var query = ExecutionQuery.of(ExecutionFilter.ofJob(JobId.of(7)));
    assertThat(plan(query))
        .contains("Index Scan Backward using job_executions_attempt")
        .doesNotContain("Sort");
  }
}
