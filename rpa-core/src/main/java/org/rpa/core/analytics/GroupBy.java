package org.rpa.core.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How {@link Analytics#statistics} groups the executions of a window. */
public enum GroupBy {
  /** One group of every execution; its key is {@link ExecutionStats#ALL}. */
  NONE,
  /** By job type, {@code provider.action}. */
  JOB_TYPE,
  /** By the executor that ran the execution. */
  EXECUTOR,
  /**
   * By the UTC hour in which the execution finished, keyed {@code yyyy-MM-dd HH:00}; hours without
   * an execution have no group.
   */
  HOUR,
  /** By error type; executions that ended without an error are left out. */
  ERROR_TYPE;

  private static final DateTimeFormatter HOUR_KEY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00").withZone(ZoneOffset.UTC);

  /** The {@link #HOUR} key of the hour {@code instant} is in: {@code 2026-01-28 14:00} (UTC). */
  public static String hourKey(Instant instant) {
    return HOUR_KEY.format(instant);
  }
}
