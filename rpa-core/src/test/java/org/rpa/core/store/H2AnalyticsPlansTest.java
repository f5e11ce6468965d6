package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.jdbi.v3.core.statement.SqlStatements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.analytics.ExecutionFilter;
import org.rpa.core.analytics.ExecutionQuery;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.JobId;
import org.rpa.core.testing.H2;

/**
 * The analytics' statements read an index on H2, in its order where the list is ordered: H2 reads
 * an index in order only when the {@code ORDER BY} begins with the index's first column.
 */
class H2AnalyticsPlansTest {
  private final JdbcJobStore store = open();

  private static JdbcJobStore open() {
    var pool = Databases.pool(H2.memory(), 2);
    Migrations.migrate(pool);
    return new JdbcJobStore(pool, pool);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private String plan(ExecutionQuery query) {
    return store.read(
        "plan",
        handle ->
            ExecutionQueries.select(handle, store.dialect(), "EXPLAIN ", query)
                .mapTo(String.class)
                .one());
  }

  private String explain(String sql) {
    return store.read(
        "plan",
        handle ->
            handle
                .createQuery("EXPLAIN " + sql)
                .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
                .bindByType("from", Instant.parse("2026-03-01T10:00:00Z"), Instant.class)
                .bindByType("to", Instant.parse("2026-03-01T10:05:00Z"), Instant.class)
                .mapTo(String.class)
                .one());
  }

  @Test
  void the_live_statuses_are_counted_on_the_claim_index() {
    assertThat(explain(JobCountQueries.LEASED_AND_QUEUED))
        .contains("PUBLIC.JOBS_CLAIM: STATUS IN('QUEUED', 'CLAIMED', 'RUNNING')")
        .doesNotContain("tableScan");
    assertThat(explain(JobCountQueries.SCHEDULED))
        .contains("PUBLIC.JOBS_CLAIM: STATUS = 'SCHEDULED'")
        .doesNotContain("tableScan");
  }

  @Test
  void the_outcomes_of_a_window_are_counted_on_the_finish_index() {
    assertThat(explain(JobCountQueries.OUTCOMES))
        .contains("PUBLIC.JOB_EXECUTIONS_FINISHED: FINISHED_AT >= ")
        .doesNotContain("tableScan");
    assertThat(explain(JobCountQueries.OUTCOMES_SINCE))
        .contains("PUBLIC.JOB_EXECUTIONS_FINISHED: FINISHED_AT >= ")
        .doesNotContain("tableScan");
  }

  @Test
  void the_queue_depth_is_counted_on_the_claim_index() {
    String plan =
        store.read(
            "plan",
            handle ->
                handle
                    .createQuery("EXPLAIN " + JdbcAnalyticsStore.QUEUE_DEPTH)
                    .mapTo(String.class)
                    .one());
    assertThat(plan).contains("PUBLIC.JOBS_CLAIM: STATUS = 'QUEUED'");
  }

  @Test
  void one_status_across_jobs_is_read_from_the_status_index_newest_first() {
    var query = ExecutionQuery.of(ExecutionFilter.all().status(ExecutionStatus.TIMEOUT));
    assertThat(plan(query))
        .contains("PUBLIC.JOB_EXECUTIONS_STATUS: STATUS = ")
        .contains("index sorted");
  }

  @Test
  void one_jobs_executions_are_read_from_its_attempt_index_newest_first() {
    var query = ExecutionQuery.of(ExecutionFilter.ofJob(JobId.of(7)));
    assertThat(plan(query)).contains("PUBLIC.JOB_EXECUTIONS_ATTEMPT").contains("index sorted");
  }

  @Test
  void the_list_across_jobs_walks_the_primary_key_down() {
    assertThat(plan(ExecutionQuery.of(ExecutionFilter.all()))).contains("index sorted");
  }

  @Test
  void the_page_across_jobs_is_taken_before_the_join_and_reads_no_job_but_its_own() {
    String plan = plan(ExecutionQuery.of(ExecutionFilter.all()).limit(50));
    // The derived table walks the executions' primary key down and stops at the page's end; each
    // of its rows then reads its job by primary key. No scan of jobs, no sort of their executions.
    assertThat(plan)
        .containsPattern("FROM PUBLIC.JOB_EXECUTIONS E\\s+/\\* PUBLIC.PRIMARY_KEY_\\w+ \\*/")
        .contains("index sorted")
        .containsPattern("PUBLIC.PRIMARY_KEY_\\w+: ID = E.JOB_ID")
        .doesNotContain("JOBS.tableScan")
        .doesNotContain("JOB_EXECUTIONS.tableScan");
  }

  @Test
  void a_task_type_is_checked_on_each_executions_job_by_primary_key() {
    String plan =
        plan(ExecutionQuery.of(ExecutionFilter.all().jobType("mfn.validation")).limit(50));
    assertThat(plan)
        .contains("EXISTS")
        .contains("index sorted")
        .containsPattern("PUBLIC.PRIMARY_KEY_\\w+: ID = E.JOB_ID")
        .doesNotContain("JOBS.tableScan");
  }
}
