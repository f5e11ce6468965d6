package org.rpa.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rpa.core.schedule.TaskNames;
import org.rpa.core.testing.ManualOrchestrator;
import org.rpa.core.testing.MutableClock;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;

/**
 * Three orchestrators on one PostgreSQL database, on one clock, run their background tasks at the
 * same instants, each from its own thread, through two hours that hold the daily cleanup: the lease
 * sweep and the cleanup run once per period across the three; the metrics collection is tried by
 * every instance and leaves one snapshot per five-minute period; the queue poll runs everywhere.
 */
@ExtendWith(PostgresExtension.class)
class SingletonTasksIT {
  private static final int INSTANCES = 3;
  private static final Duration STEP = Duration.ofMinutes(5);

  private final MutableClock clock = MutableClock.at("2026-12-04T01:00:10Z");
  private final Map<String, Map<Instant, AtomicInteger>> runs = new ConcurrentHashMap<>();

  @Test
  void the_singleton_tasks_run_once_per_period_across_three_instances(PgDatabase database)
      throws Exception {
    var instances = new ArrayList<ManualOrchestrator>();
    ExecutorService threads = Executors.newFixedThreadPool(INSTANCES);
    try {
      for (int i = 0; i < INSTANCES; i++) {
        instances.add(instance(database));
      }
      var together = new CyclicBarrier(INSTANCES);
      Instant end = clock.instant().plus(Duration.ofHours(2));
      int steps = 0;
      while (clock.instant().isBefore(end)) {
        clock.advance(STEP);
        steps++;
        List<Future<Integer>> passes = new ArrayList<>();
        for (ManualOrchestrator rpa : instances) {
          passes.add(
              threads.submit(
                  () -> {
                    together.await(10, TimeUnit.SECONDS);
                    return rpa.runSchedules();
                  }));
        }
        for (Future<Integer> pass : passes) {
          pass.get(60, TimeUnit.SECONDS);
        }
      }

      for (String task : new TreeMap<>(runs).keySet()) {
        Map<Instant, Integer> counts = perInstant(task);
        System.out.printf(
            "%s across %d instances: %d instants, runs per instant %s%n",
            task, INSTANCES, counts.size(), new java.util.TreeSet<>(counts.values()));
      }
      assertThat(perInstant(TaskNames.RECOVER_STALE_JOBS))
          .as("the lease sweep, every 10 minutes")
          .hasSize(steps / 2)
          .allSatisfy((at, count) -> assertThat(count).as("at " + at).isEqualTo(1));
      assertThat(perInstant(TaskNames.CLEANUP_OLD_EVIDENCE))
          .as("the daily cleanup at 02:00")
          .containsOnlyKeys(Instant.parse("2026-12-04T02:00:10Z"))
          .allSatisfy((at, count) -> assertThat(count).isEqualTo(1));
      assertThat(perInstant(TaskNames.POLL_JOB_QUEUE))
          .as("the queue poll, on every instance")
          .hasSize(steps)
          .allSatisfy((at, count) -> assertThat(count).isEqualTo(INSTANCES));
      assertThat(perInstant(TaskNames.COLLECT_METRICS))
          .as("the metrics collection, tried by every instance")
          .hasSize(steps)
          .allSatisfy((at, count) -> assertThat(count).isEqualTo(INSTANCES));
      assertThat(snapshotPeriods(database))
          .as("a snapshot for each five-minute period, whichever instance wrote it")
          .hasSize(steps);
    } finally {
      threads.shutdownNow();
      instances.forEach(ManualOrchestrator::close);
    }
  }

  private ManualOrchestrator instance(PgDatabase database) {
    var builder =
        ManualOrchestrator.builder()
            .database(database.jdbcUrl())
            .poolSize(2)
            .clock(clock)
            .scheduleZone(ZoneOffset.UTC);
    for (String task :
        List.of(
            TaskNames.RECOVER_STALE_JOBS,
            TaskNames.CLEANUP_OLD_EVIDENCE,
            TaskNames.POLL_JOB_QUEUE,
            TaskNames.COLLECT_METRICS)) {
      builder.onBackgroundTask(
          task,
          () ->
              runs.computeIfAbsent(task, t -> new ConcurrentHashMap<>())
                  .computeIfAbsent(clock.instant(), at -> new AtomicInteger())
                  .incrementAndGet());
    }
    return builder.build();
  }

  private Map<Instant, Integer> perInstant(String task) {
    var counts = new TreeMap<Instant, Integer>();
    runs.getOrDefault(task, Map.of()).forEach((at, count) -> counts.put(at, count.get()));
    return counts;
  }

  private static List<String> snapshotPeriods(PgDatabase database) throws Exception {
    var periods = new ArrayList<String>();
    try (var connection = DriverManager.getConnection(database.jdbcUrl());
        var rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT CAST(period_start AS VARCHAR) FROM metrics_snapshots"
                        + " ORDER BY period_start")) {
      while (rows.next()) {
        periods.add(rows.getString(1));
      }
    }
    return periods;
  }
}
