package org.rpa.server.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.analytics.ExecutionFilter;
import org.rpa.core.job.ExecutionStatus;

/**
 * The query parameters of the monitoring views: {@code period}, {@code limit}, {@code offset},
 * {@code status}, {@code taskType}, {@code fromDate} and {@code toDate}. A value outside its set or
 * range, or one that does not parse, is an {@link InvalidRequestException} naming the parameter.
 */
final class MonitoringQueries {
  /** The periods {@code /api/system/stats} takes, in their spelling. */
  static final Map<String, Duration> PERIODS = periods();

  static final String DEFAULT_PERIOD = "24h";

  /** The execution statuses a log filter takes: the final ones. */
  static final Set<ExecutionStatus> LOG_STATUSES =
      EnumSet.of(
          ExecutionStatus.SUCCESS,
          ExecutionStatus.FAILED,
          ExecutionStatus.TIMEOUT,
          ExecutionStatus.CANCELLED);

  private MonitoringQueries() {}

  private static Map<String, Duration> periods() {
    Map<String, Duration> periods = new LinkedHashMap<>();
    periods.put("1h", Duration.ofHours(1));
    periods.put("6h", Duration.ofHours(6));
    periods.put("24h", Duration.ofHours(24));
    periods.put("7d", Duration.ofDays(7));
    periods.put("30d", Duration.ofDays(30));
    return Map.copyOf(periods);
  }

  /** The {@code period} parameter's spelling, {@value #DEFAULT_PERIOD} when absent. */
  static String period(Context ctx) {
    String period = ctx.queryParam("period");
    if (period == null) {
      return DEFAULT_PERIOD;
    }
    if (!PERIODS.containsKey(period)) {
      throw new InvalidRequestException("period", period, "must be one of 1h, 6h, 24h, 7d, 30d");
    }
    return period;
  }

  /** The whole number {@code name}, from 1 to {@code max}, or {@code fallback} when absent. */
  static int limit(Context ctx, int fallback, int max) {
    return between(ctx, "limit", fallback, 1, max);
  }

  /** The whole number {@code name}, from {@code min} to {@code max}, or {@code fallback}. */
  static int between(Context ctx, String name, int fallback, int min, int max) {
    int value = number(ctx, name, fallback);
    if (value < min || value > max) {
      throw new InvalidRequestException(name, value, "must be between " + min + " and " + max);
    }
    return value;
  }

  /** The {@code offset} parameter, 0 or more, 0 when absent. */
  static int offset(Context ctx) {
    int offset = number(ctx, "offset", 0);
    if (offset < 0) {
      throw new InvalidRequestException("offset", offset, "must not be negative");
    }
    return offset;
  }

  private static int number(Context ctx, String name, int fallback) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(name, text, "must be a whole number");
    }
  }

  /** {@code filter} narrowed by the {@code status} parameter, when given. */
  static ExecutionFilter status(Context ctx, ExecutionFilter filter) {
    String text = ctx.queryParam("status");
    if (text == null) {
      return filter;
    }
    ExecutionStatus status = ExecutionFilter.parseStatus(text);
    if (!LOG_STATUSES.contains(status)) {
      throw new InvalidRequestException("status", text, "must be one of " + LOG_STATUSES);
    }
    return filter.status(status);
  }

  /** {@code filter} narrowed by the {@code taskType} parameter ({@code provider.action}). */
  static ExecutionFilter taskType(Context ctx, ExecutionFilter filter) {
    String text = ctx.queryParam("taskType");
    return text == null ? filter : filter.jobType(text);
  }

  /**
   * {@code filter} narrowed to the executions that started from {@code fromDate} (inclusive) to
   * {@code toDate} (exclusive). Each is an ISO-8601 instant with a zone or offset, or a date: a
   * {@code fromDate} date is the start of that UTC day, a {@code toDate} date the end of it.
   */
  static ExecutionFilter dates(Context ctx, ExecutionFilter filter) {
    Instant from = date(ctx, "fromDate", false);
    Instant to = date(ctx, "toDate", true);
    if (from == null && to == null) {
      return filter;
    }
    if (from != null && to != null && !to.isAfter(from)) {
      throw new InvalidRequestException(
          "toDate", ctx.queryParam("toDate"), "must be after fromDate");
    }
    return filter.startedBetween(from, to);
  }

  private static Instant date(Context ctx, String name, boolean endOfDay) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return null;
    }
    try {
      if (!text.contains("T")) {
        LocalDate day = LocalDate.parse(text);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          name, text, "must be an ISO-8601 date (2026-01-28) or instant (2026-01-28T15:00:00Z)");
    }
  }
}
