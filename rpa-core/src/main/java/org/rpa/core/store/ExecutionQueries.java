package org.rpa.core.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.rpa.core.analytics.ExecutionEntry;
import org.rpa.core.analytics.ExecutionFilter;
import org.rpa.core.analytics.ExecutionQuery;
import org.rpa.core.analytics.ExecutionQuery.Position;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.Page;

/**
 * The execution list: a filter, newest first, from an offset or a keyset position. Across jobs it
 * walks the primary key down, checking the filter on each row, and stops at the page's end; a
 * filter on one status walks {@code job_executions_status} down instead (on PostgreSQL, for the
 * unsuccessful statuses it holds). One job's executions are read from {@code
 * job_executions_attempt} in (occurrence, attempt) order, which is their id order.
 *
 * <p>On H2 the page is taken from {@code job_executions} alone, in a derived table, and only its
 * rows are then joined to their jobs (for the type and reference): H2 otherwise starts the join at
 * {@code jobs}, reads every job and sorts all their executions for the page. A filter on the task
 * type is a semi-join inside the derived table ({@code EXISTS} on the job's primary key), checked
 * on each execution the walk reads, so the walk still stops at the page's end.
 */
final class ExecutionQueries {
  private static final String COLUMNS =
      Arrays.stream(RowMappers.EXECUTION_COLUMNS.split(", "))
          .map("e."::concat)
          .collect(Collectors.joining(", "));

  private ExecutionQueries() {}

  static Page<ExecutionEntry> page(Handle handle, SqlDialect dialect, ExecutionQuery query) {
    Query statement = select(handle, dialect, "", query);
    List<ExecutionEntry> rows =
        statement
            .map(
                (rs, ctx) ->
                    new ExecutionEntry(
                        rs.getString("provider"),
                        rs.getString("action"),
                        rs.getString("reference"),
                        RowMappers.EXECUTION.map(rs, ctx)))
            .list();
    if (rows.size() <= query.limit()) {
      return new Page<>(rows, null);
    }
    List<ExecutionEntry> items = rows.subList(0, query.limit());
    return new Page<>(items, ExecutionQuery.cursorOf(items.get(items.size() - 1).execution()));
  }

  /**
   * The page's statement, bound, after {@code prefix} (such as {@code EXPLAIN }); it selects one
   * more than the page, to know whether another follows. On H2 the page is taken from {@code
   * job_executions} in a derived table and then joined to its jobs; PostgreSQL's planner walks the
   * index and stops at the page's end with the plain join already, without a sort of the page.
   */
  static Query select(Handle handle, SqlDialect dialect, String prefix, ExecutionQuery query) {
    var conditions = Conditions.of(query.filter());
    if (query.after() != null) {
      conditions.after(query.after(), query.filter().job() != null);
    }
    String order = order(query.filter());
    String page = conditions.where() + " ORDER BY " + order + " LIMIT :limit OFFSET :offset";
    String from =
        dialect == SqlDialect.H2
            ? " FROM (SELECT "
                + COLUMNS
                + " FROM job_executions e"
                + page
                + ") e JOIN jobs j ON j.id = e.job_id ORDER BY "
                + order
            : " FROM job_executions e JOIN jobs j ON j.id = e.job_id" + page;
    Query statement =
        handle
            .createQuery(
                prefix + "SELECT " + COLUMNS + ", j.provider, j.action, j.reference" + from)
            .bind("limit", query.limit() + 1)
            .bind("offset", query.offset());
    conditions.bind(statement);
    return statement;
  }

  /**
   * Newest first. The order names the column the filter fixes when an index leads with it: H2 reads
   * an index in order only when the {@code ORDER BY} begins with the index's first column, and
   * otherwise reads every row the condition selects and sorts them.
   */
  private static String order(ExecutionFilter filter) {
    if (filter.job() != null) {
      return "e.job_id DESC, e.occurrence DESC, e.attempt DESC";
    }
    return filter.statuses().size() == 1 ? "e.status DESC, e.id DESC" : "e.id DESC";
  }

  static long count(Handle handle, ExecutionFilter executions) {
    var conditions = Conditions.of(executions);
    Query statement =
        handle.createQuery("SELECT COUNT(*) FROM job_executions e" + conditions.where());
    conditions.bind(statement);
    return statement.mapTo(Long.class).one();
  }

  /** The conditions of a filter and the values they bind. */
  private record Conditions(List<String> conditions, List<Consumer<Query>> values) {
    static Conditions of(ExecutionFilter selected) {
      var where = new Conditions(new ArrayList<>(), new ArrayList<>());
      if (selected.job() != null) {
        where.add("e.job_id = :job", q -> q.bind("job", selected.job().value()));
      }
      if (!selected.statuses().isEmpty()) {
        List<String> names = selected.statuses().stream().map(ExecutionStatus::name).toList();
        where.add("e.status IN (<statuses>)", q -> q.bindList("statuses", names));
      }
      if (selected.jobType() != null) {
        where.add(
            "EXISTS (SELECT 1 FROM jobs t WHERE t.id = e.job_id AND t.job_type = :jobType)",
            q -> q.bind("jobType", selected.jobType()));
      }
      if (selected.executor() != null) {
        where.add("e.executor = :executor", q -> q.bind("executor", selected.executor()));
      }
      if (selected.startedFrom() != null) {
        where.add(
            "e.started_at >= :startedFrom",
            q -> q.bindByType("startedFrom", selected.startedFrom(), Instant.class));
      }
      if (selected.startedTo() != null) {
        where.add(
            "e.started_at < :startedTo",
            q -> q.bindByType("startedTo", selected.startedTo(), Instant.class));
      }
      return where;
    }

    /** Only the executions older than {@code after}: by id, or within one job by attempt. */
    void after(Position after, boolean oneJob) {
      if (oneJob) {
        add(
            "(e.occurrence < :afterOccurrence"
                + " OR (e.occurrence = :afterOccurrence AND e.attempt < :afterAttempt))",
            q ->
                q.bind("afterOccurrence", after.occurrence())
                    .bind("afterAttempt", after.attempt()));
      } else {
        add("e.id < :afterId", q -> q.bind("afterId", after.id()));
      }
    }

    void add(String condition, Consumer<Query> value) {
      conditions.add(condition);
      values.add(value);
    }

    String where() {
      return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    void bind(Query statement) {
      values.forEach(value -> value.accept(statement));
    }
  }
}
