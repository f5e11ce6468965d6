package org.rpa.core.store;

import com.zaxxer.hikari.HikariDataSource;

/**
 * For tests in other packages: an {@link AnalyticsStore} on a database that reads every window it
 * can from the hourly rollups, however few executions it holds, and what a percentile becomes in
 * the rollups.
 */
public final class RollupsOnly implements AutoCloseable {
  private final HikariDataSource pool;
  private final AnalyticsStore analytics;

  private RollupsOnly(HikariDataSource pool) {
    this.pool = pool;
    this.analytics = new JdbcAnalyticsStore(new JdbcJobStore(pool, pool), 0);
  }

  /** On the migrated database at {@code url}. */
  public static RollupsOnly open(String url) {
    return new RollupsOnly(Databases.pool(url, 2));
  }

  public AnalyticsStore analytics() {
    return analytics;
  }

  /**
   * The percentile the rollups give for an exact one of {@code exactMs}, in a group whose longest
   * duration is {@code maxMs}: the longest duration of its bucket, at most the group's longest.
   */
  public static long percentile(long exactMs, long maxMs) {
    return Math.min(DurationBuckets.upperBound(DurationBuckets.of(exactMs)), maxMs);
  }

  @Override
  public void close() {
    pool.close();
  }
}
