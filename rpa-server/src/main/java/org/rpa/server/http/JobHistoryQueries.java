package org.rpa.server.http;

import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.analytics.ExecutionFilter;
import org.rpa.core.analytics.ExecutionQuery;
import org.rpa.core.job.ExecutionStatus;

/**
 * The query string of {@code GET /api/v1/metrics/jobs}, the job history: its entries are runs
 * (executions), because a run is what a robot did; a job retried on another robot is in both
 * robots' histories, each with its own attempt.
 *
 * <p>{@code status} takes the fleet view's spellings and the canonical names, comma-separated:
 * {@code completed} (SUCCESS), {@code failed} (FAILED and TIMEOUT), {@code claimed} or {@code
 * running} (RUNNING), {@code cancelled}, {@code success}, {@code timeout}; {@code pending}, {@code
 * scheduled} and {@code queued} are jobs that have not started, so no run has them.
 */
final class JobHistoryQueries {
  static final List<String> PARAMETERS =
      List.of("limit", "status", "workflow_id", "robot_id", "cursor");

  private JobHistoryQueries() {}

  /**
   * A parsed history request.
   *
   * @param selectsRuns false when the status filter names only jobs that have not run, so that no
   *     run can match
   */
  record Request(ExecutionQuery query, boolean selectsRuns) {}

  static Request from(Context ctx) {
    String status = ctx.queryParam("status");
    Set<ExecutionStatus> statuses = status == null ? Set.of() : statuses(status);
    // An absent workflow or robot is null: any.
    ExecutionFilter filter =
        ExecutionFilter.all()
            .statuses(statuses)
            .jobType(ctx.queryParam("workflow_id"))
            .executor(ctx.queryParam("robot_id"));
    ExecutionQuery query = ExecutionQuery.of(filter).limit(limit(ctx.queryParam("limit")));
    String cursor = ctx.queryParam("cursor");
    query = cursor == null ? query : query.after(cursor);
    return new Request(query, status == null || !statuses.isEmpty());
  }

  /**
   * The page size: {@value ExecutionQuery#DEFAULT_LIMIT} when absent, 1 to {@value
   * ExecutionQuery#MAX_LIMIT}.
   */
  private static int limit(String text) {
    if (text == null) {
      return ExecutionQuery.DEFAULT_LIMIT;
    }
    int limit;
    try {
      limit = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("limit", text, "must be a whole number");
    }
    if (limit < 1 || limit > ExecutionQuery.MAX_LIMIT) {
      throw new InvalidRequestException(
          "limit", limit, "must be between 1 and " + ExecutionQuery.MAX_LIMIT);
    }
    return limit;
  }

  static Set<ExecutionStatus> statuses(String text) {
    Set<ExecutionStatus> statuses = EnumSet.noneOf(ExecutionStatus.class);
    for (String part : text.split(",", -1)) {
      switch (part.trim().toLowerCase(Locale.ROOT)) {
        case "pending", "scheduled", "queued" -> {}
        case "claimed", "running" -> statuses.add(ExecutionStatus.RUNNING);
        case "completed", "success" -> statuses.add(ExecutionStatus.SUCCESS);
        case "failed" -> statuses.addAll(List.of(ExecutionStatus.FAILED, ExecutionStatus.TIMEOUT));
        case "timeout" -> statuses.add(ExecutionStatus.TIMEOUT);
        case "cancelled" -> statuses.add(ExecutionStatus.CANCELLED);
        default ->
            throw new InvalidRequestException(
                "status",
                part,
                "must be pending, claimed, completed, failed or cancelled (or a canonical status)");
      }
    }
    return statuses;
  }
}
