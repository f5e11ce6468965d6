package org.rpa.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.rpa.core.testing.H2;

class H2AnalyticsTest extends AnalyticsContract {
  private final String url = H2.memory();

  @Override
  protected String databaseUrl() {
    return url;
  }

  private String plan(String query) throws SQLException {
    try (var connection = DriverManager.getConnection(url);
        var statement = connection.createStatement();
        var rows = statement.executeQuery("EXPLAIN " + query)) {
      rows.next();
      return rows.getString(1);
    }
  }

  @Test
  void the_queue_depth_is_counted_on_the_claim_index() throws SQLException {
    assertThat(plan("SELECT COUNT(*) FROM jobs WHERE status = 'QUEUED'"))
        .contains("PUBLIC.JOBS_CLAIM: STATUS = 'QUEUED'");
  }

  @Test
  void a_status_filter_across_jobs_reads_the_status_index_newest_first() throws SQLException {
    assertThat(
            plan(
                "SELECT e.id FROM job_executions e JOIN jobs j ON j.id = e.job_id"
                    + " WHERE e.status IN ('TIMEOUT') ORDER BY e.id DESC LIMIT 51"))
        .contains("PUBLIC.JOB_EXECUTIONS_STATUS");
  }
}
