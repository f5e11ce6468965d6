package org.rpa.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.metrics.MetricsHistory;
import org.rpa.core.metrics.Snapshot;
import org.rpa.core.testing.ManualOrchestrator;
import org.rpa.core.testing.MutableClock;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;

/**
 * Two orchestrators on one PostgreSQL database run their metrics collector at the same moments,
 * each on its own thread: the shared history holds one snapshot per five-minute period, and both
 * serve the same history.
 */
@ExtendWith(PostgresExtension.class)
class SharedMetricsHistoryIT {
  private static final int PERIODS = 12;

  @Test
  void two_orchestrators_collecting_together_write_one_snapshot_per_period(PgDatabase database)
      throws Exception {
    MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    Instant start = clock.instant();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (var first = instance(database, "first", clock);
        var second = instance(database, "second", clock)) {
      first.jobs().submit(JobRequest.of("demo", "echo"));
      var together = new CyclicBarrier(2);
      for (int period = 0; period < PERIODS; period++) {
        clock.advance(Duration.ofMinutes(5));
        List<Future<Integer>> runs = new ArrayList<>();
        for (ManualOrchestrator instance : List.of(first, second)) {
          runs.add(
              threads.submit(
                  () -> {
                    together.await();
                    return instance.runSchedules();
                  }));
        }
        for (Future<Integer> run : runs) {
          assertThat(run.get()).as("tasks run").isPositive();
        }
      }

      List<Snapshot> fromFirst = first.metrics().recent(Duration.ofHours(24));
      List<Snapshot> fromSecond = second.metrics().recent(Duration.ofHours(24));

      assertThat(first.store().snapshotLog().count()).isEqualTo(PERIODS);
      assertThat(fromFirst).hasSize(PERIODS).isEqualTo(fromSecond);
      List<Instant> periods =
          fromFirst.stream().map(s -> MetricsHistory.periodOf(s.timestamp())).toList();
      assertThat(periods).doesNotHaveDuplicates();
      assertThat(periods.get(0)).isEqualTo(clock.instant());
      assertThat(periods.get(PERIODS - 1)).isEqualTo(start.plus(Duration.ofMinutes(5)));
      assertThat(fromFirst).allSatisfy(s -> assertThat(s.queuedJobs()).isEqualTo(1));
      System.out.printf(
          "two orchestrators, %d periods: %d snapshots in the shared history%n",
          PERIODS, first.store().snapshotLog().count());
    } finally {
      threads.shutdownNow();
    }
  }

  private static ManualOrchestrator instance(PgDatabase database, String name, MutableClock clock) {
    return ManualOrchestrator.builder()
        .database(database.jdbcUrl())
        .clock(clock)
        .executorName(name)
        .scheduleZone(ZoneOffset.UTC)
        .handler("demo", "echo", ctx -> JobResult.success())
        .build();
  }
}
