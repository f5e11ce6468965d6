package org.rpa.core.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobQuery;
import org.rpa.core.job.JobStatus;

/** The job list: a filter, newest first, from a keyset position. */
final class JobQueries {
  private JobQueries() {}

  static List<Job> run(Handle handle, JobQuery query) {
    var where = new ArrayList<String>();
    if (!query.statuses().isEmpty()) {
      where.add("status IN (<statuses>)");
    }
    if (query.provider() != null) {
      where.add("provider = :provider");
    }
    if (query.action() != null) {
      where.add("action = :action");
    }
    if (query.kind() != null) {
      where.add("kind = :kind");
    }
    if (query.createdFrom() != null) {
      where.add("created_at >= :createdFrom");
    }
    if (query.createdTo() != null) {
      where.add("created_at < :createdTo");
    }
    if (query.beforeId() > 0) {
      where.add("id < :beforeId");
    }
    String sql =
        "SELECT "
            + RowMappers.JOB_COLUMNS
            + " FROM jobs"
            + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
            + " ORDER BY id DESC LIMIT :limit";
    Query statement = handle.createQuery(sql).bind("limit", query.limit());
    if (!query.statuses().isEmpty()) {
      statement.bindList("statuses", query.statuses().stream().map(JobStatus::name).toList());
    }
    if (query.provider() != null) {
      statement.bind("provider", query.provider());
    }
    if (query.action() != null) {
      statement.bind("action", query.action());
    }
    if (query.kind() != null) {
      statement.bind("kind", query.kind().name());
    }
    if (query.createdFrom() != null) {
      statement.bindByType("createdFrom", query.createdFrom(), Instant.class);
    }
    if (query.createdTo() != null) {
      statement.bindByType("createdTo", query.createdTo(), Instant.class);
    }
    if (query.beforeId() > 0) {
      statement.bind("beforeId", query.beforeId());
    }
    return statement.map(RowMappers.JOB).list();
  }
}
