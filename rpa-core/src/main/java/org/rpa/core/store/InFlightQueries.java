package org.rpa.core.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What the dispatch pipeline reads of the live jobs: the claim batches in flight and the queue by
 * job type. Both read only the live rows through the claim index (its leading column is the
 * status), so their cost follows the jobs in flight and queued, not the history.
 */
final class InFlightQueries {
  private InFlightQueries() {}

  /**
   * A job's batch is its last claim: the newest {@code CLAIMED} log row of the job (job_log_job
   * holds each job's rows in order). Older occurrences of a recurring job have CLAIMED rows of the
   * same attempt number, so the row is picked by id, not by attempt.
   */
  private static final String BATCHES =
      "SELECT l.executor, l.at AS claimed_at, COUNT(*) AS size,"
          + " SUM(CASE WHEN j.status = 'RUNNING' THEN 1 ELSE 0 END) AS running,"
          + " MAX(j.updated_at) AS last_activity"
          + " FROM jobs j JOIN job_log l ON l.id = (SELECT MAX(c.id) FROM job_log c"
          + " WHERE c.job_id = j.id AND c.to_status = 'CLAIMED')"
          + " WHERE j.status IN ('CLAIMED', 'RUNNING')"
          + " GROUP BY l.executor, l.at ORDER BY l.at, l.executor";

  private static final String QUEUED_BY_TYPE =
      "SELECT job_type, COUNT(*) AS queued FROM jobs WHERE status = 'QUEUED'"
          + " GROUP BY job_type ORDER BY job_type";

  static List<ClaimBatchRow> batches(Handle handle) {
    return handle
        .createQuery(BATCHES)
        .map(
            (rs, ctx) ->
                new ClaimBatchRow(
                    rs.getString("executor"),
                    RowMappers.instant(rs, "claimed_at"),
                    rs.getInt("size"),
                    rs.getInt("running"),
                    RowMappers.instant(rs, "last_activity")))
        .list();
  }

  static Map<String, Long> queuedByType(Handle handle) {
    Map<String, Long> queued = new LinkedHashMap<>();
    handle
        .createQuery(QUEUED_BY_TYPE)
        .map((rs, ctx) -> Map.entry(rs.getString("job_type"), rs.getLong("queued")))
        .forEach(entry -> queued.put(entry.getKey(), entry.getValue()));
    return queued;
  }
}
