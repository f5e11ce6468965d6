package org.rpa.server.http;

import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.job.JobKind;
import org.rpa.core.job.JobQuery;
import org.rpa.core.job.JobStatus;

/**
 * The query string of {@code GET /jobs}. Status accepts the canonical names and the fleet view's
 * spellings ({@code pending} = SCHEDULED+QUEUED, {@code claimed} = CLAIMED+RUNNING),
 * comma-separated; kind is ONE_TIME or RECURRING, in any case. An unknown parameter is a 400, so a
 * typo never silently widens the result.
 */
final class JobQueries {
  static final List<String> PARAMETERS =
      List.of(
          "status", "provider", "action", "kind", "created_from", "created_to", "limit", "cursor");

  private JobQueries() {}

  static JobQuery from(Context ctx) {
    for (String name : ctx.queryParamMap().keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw ApiException.validation("Unknown query parameter '" + name + "'");
      }
    }
    JobQuery query = JobQuery.all();
    String status = ctx.queryParam("status");
    if (status != null) {
      query = query.statuses(statuses(status));
    }
    String provider = ctx.queryParam("provider");
    if (provider != null) {
      query = query.provider(provider);
    }
    String action = ctx.queryParam("action");
    if (action != null) {
      query = query.action(action);
    }
    String kind = ctx.queryParam("kind");
    if (kind != null) {
      query = query.kind(kind(kind));
    }
    String from = ctx.queryParam("created_from");
    String to = ctx.queryParam("created_to");
    if (from != null || to != null) {
      query =
          query.createdBetween(
              from == null ? null : JobRequests.instant("created_from", from),
              to == null ? null : JobRequests.instant("created_to", to));
    }
    String limit = ctx.queryParam("limit");
    if (limit != null) {
      try {
        query = query.limit(Integer.parseInt(limit));
      } catch (NumberFormatException e) {
        throw new InvalidRequestException("limit", limit, "must be a whole number");
      }
    }
    String cursor = ctx.queryParam("cursor");
    return cursor == null ? query : query.after(cursor);
  }

  static JobKind kind(String text) {
    for (JobKind kind : JobKind.values()) {
      if (kind.name().equalsIgnoreCase(text.trim())) {
        return kind;
      }
    }
    throw new InvalidRequestException("kind", text, "must be ONE_TIME or RECURRING");
  }

  static Set<JobStatus> statuses(String text) {
    Set<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
    for (String part : text.split(",")) {
      switch (part.trim().toLowerCase(Locale.ROOT)) {
        case "pending" -> statuses.addAll(List.of(JobStatus.SCHEDULED, JobStatus.QUEUED));
        case "claimed" -> statuses.addAll(List.of(JobStatus.CLAIMED, JobStatus.RUNNING));
        default -> statuses.add(JobRequests.status(part));
      }
    }
    return statuses;
  }
}
