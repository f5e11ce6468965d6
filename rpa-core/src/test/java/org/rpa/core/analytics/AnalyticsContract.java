package org.rpa.core.analytics;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.rpa.core.store.AnalyticsStore;
import org.rpa.core.store.RollupsOnly;

/**
 * What the analytics must say about one known {@link History}, with exact figures, on H2 ({@code
 * H2AnalyticsTest}) and on PostgreSQL ({@code PostgresAnalyticsIT}): so both databases agree. The
 * history is built once per class; no test changes it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AnalyticsContract
    implements StatisticsContract,
        RollupStatisticsContract,
        ExecutionQueryContract,
        JobCountsContract,
        LiveCountsContract,
        HealingContract {
  private History history;
  private RollupsOnly rollups;

  /** A database URL for an empty database, which the history fills. */
  protected abstract String databaseUrl();

  @BeforeAll
  void buildHistory() {
    history = History.build(databaseUrl());
    rollups = RollupsOnly.open(databaseUrl());
  }

  @AfterAll
  void closeHistory() {
    if (rollups != null) {
      rollups.close();
    }
    if (history != null) {
      history.close();
    }
  }

  @Override
  public History history() {
    return history;
  }

  @Override
  public AnalyticsStore rollups() {
    return rollups.analytics();
  }
}
