package org.rpa.server.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rpa.server.faults.Census.Rescue;
import org.rpa.server.faults.Fault.Strike;
import org.rpa.server.faults.Load.Ack;
import org.rpa.server.faults.Rig.Store;

/**
 * The fault matrix on a real cluster ({@link Rig}), on each store in turn (an H2 file with one
 * orchestrator, then PostgreSQL with three; {@code -Drpa.faults.stores=POSTGRES} for one): under a
 * steady HTTP load, each {@link Fault} that can strike that store in turn (or, in the soak, faults
 * at random), then a settle phase without load. For each fault: every acknowledged job is in the
 * database and final within {@link #SETTLE}; none succeeded twice; the jobs held by an executor
 * that died moved on (final, or RUNNING elsewhere) within its lease, one sweep and the first
 * retry's delay, plus a margin for this loaded machine. The matrix is printed and written to {@code
 * target/fault-matrix.md}, failed checks or not.
 *
 * <p>{@code -Drpa.faults.seed=} replays a run's choices (targets and moments; the processes' own
 * timing still varies). {@code -Drpa.faults.soak.minutes=10 -Drpa.faults.rate=200} is the soak.
 */
class FaultMatrixIT {
  static final Duration LEASE = Duration.ofSeconds(6);
  static final Duration SWEEP = LEASE.dividedBy(2);
  static final Duration FIRST_RETRY = Duration.ofMillis(2_400);
  static final Duration MARGIN = Duration.ofSeconds(6);
  static final Duration RESCUE_BOUND = LEASE.plus(SWEEP).plus(FIRST_RETRY).plus(MARGIN);
  static final Duration SETTLE = Duration.ofSeconds(60);
  static final Duration CI_BUDGET = Duration.ofMinutes(3);

  /** The processes' working directory and logs, kept for a failure's evidence. */
  static final Path LOGS = Path.of("target", "fault-matrix-logs");

  /** A run's settings, from the system properties. */
  private record Settings(
      long seed, int soakMinutes, double rate, int slots, int sleepMax, List<Store> stores) {
    static Settings fromProperties() {
      int soakMinutes = Integer.getInteger("rpa.faults.soak.minutes", 0);
      return new Settings(
          Long.getLong("rpa.faults.seed", new Random().nextLong()),
          soakMinutes,
          Double.parseDouble(System.getProperty("rpa.faults.rate", "20")),
          Integer.getInteger("rpa.faults.slots", soakMinutes > 0 ? 16 : 8),
          Integer.getInteger("rpa.faults.sleep.ms", soakMinutes > 0 ? 200 : 600),
          Arrays.stream(System.getProperty("rpa.faults.stores", "H2,POSTGRES").split(","))
              .map(name -> Store.valueOf(name.strip().toUpperCase(Locale.ROOT)))
              .toList());
    }

    String mode() {
      return soakMinutes > 0 ? "soak " + soakMinutes + " min" : "CI mode";
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void every_acknowledged_job_survives_every_fault_and_none_succeeds_twice() throws Exception {
    Settings settings = Settings.fromProperties();
    System.out.printf(
        "fault matrix: seed %d (replay with -Drpa.faults.seed=%d), %s, %.0f jobs/s, on %s%n",
        settings.seed, settings.seed, settings.mode(), settings.rate, settings.stores);
    long started = System.nanoTime();
    var matrix = new Matrix();
    fresh(LOGS);
    // The databases' columns run side by side, each on its own rig, its own load and its own
    // random choices (the seed and the store): the two together within the CI mode's budget.
    var columns = Executors.newFixedThreadPool(settings.stores.size());
    var failures = new ArrayList<AssertionError>();
    try {
      var running = new ArrayList<Future<SoftAssertions>>();
      for (Store store : settings.stores) {
        running.add(columns.submit(() -> column(store, settings, matrix)));
      }
      for (Future<SoftAssertions> column : running) {
        try {
          SoftAssertions soft = column.get();
          if (!soft.errorsCollected().isEmpty()) {
            failures.add(new AssertionError(soft.errorsCollected().toString()));
          }
        } catch (ExecutionException e) {
          failures.add(new AssertionError("a column did not finish", e.getCause()));
        }
      }
    } finally {
      columns.shutdownNow();
      Duration wall = elapsed(started);
      String header =
          String.format(
              "Fault matrix, seed %d, %s, %.0f jobs/s, wall time %d s, finished %s",
              settings.seed, settings.mode(), settings.rate, wall.toSeconds(), Instant.now());
      System.out.println(header + "\n\n" + matrix.summary() + "\n" + matrix.markdown());
      matrix.write(Path.of("target", "fault-matrix.md"), header);
      if (settings.soakMinutes == 0 && wall.compareTo(CI_BUDGET) > 0) {
        failures.add(new AssertionError("the CI mode took " + wall + ", over " + CI_BUDGET));
      }
    }
    if (!failures.isEmpty()) {
      var all = new AssertionError(failures.size() + " column(s) failed: " + failures);
      failures.forEach(all::addSuppressed);
      throw all;
    }
  }

  /**
   * One database's column: its rig, the baseline, then each fault (or, soaking, faults at random).
   */
  private static SoftAssertions column(Store store, Settings settings, Matrix matrix)
      throws Exception {
    var soft = new SoftAssertions();
    var random = new Random(settings.seed + store.ordinal());
    Duration limit =
        settings.soakMinutes > 0
            ? Duration.ofMinutes(settings.soakMinutes + 5L)
            : CI_BUDGET.minusSeconds(5);
    Path logs = LOGS.resolve(store.name().toLowerCase(Locale.ROOT));
    Files.createDirectories(logs);
    long started = System.nanoTime();
    try (Rig rig =
            store == Store.H2
                ? Rig.onH2(logs.toAbsolutePath(), limit, settings.seed, settings.slots)
                : Rig.onPostgres(logs.toAbsolutePath(), limit, settings.seed, settings.slots);
        Load load =
            new Load(
                rig.orchestratorUrls(),
                rig.token(),
                settings.rate,
                settings.seed,
                settings.sleepMax)) {
      var census = new Census(rig.databaseUrl, rig::readable);
      System.out.printf("%s: up after %d s%n", store.description, elapsed(started).toSeconds());
      var run = new Run(rig, load, census, random, matrix, soft, logs);
      run.row(null, 0);
      List<Fault> faults = Arrays.stream(Fault.values()).filter(f -> f.strikes(store)).toList();
      if (settings.soakMinutes == 0) {
        int k = 1;
        for (Fault fault : faults) {
          run.row(fault, k++);
        }
      } else {
        long until = started + Duration.ofMinutes(settings.soakMinutes).toNanos();
        for (int k = 1; System.nanoTime() < until; k++) {
          run.row(faults.get(random.nextInt(faults.size())), k);
        }
      }
    }
    System.out.printf("%s: done after %d s%n", store.description, elapsed(started).toSeconds());
    return soft;
  }

  private static void fresh(Path directory) throws java.io.IOException {
    if (Files.isDirectory(directory)) {
      try (var files = Files.walk(directory)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    Files.createDirectories(directory);
  }

  private static Duration elapsed(long since) {
    return Duration.ofNanos(System.nanoTime() - since);
  }

  /** One run of the matrix: fires a fault under load, lets it settle, counts and checks. */
  private record Run(
      Rig rig,
      Load load,
      Census census,
      Random random,
      Matrix matrix,
      SoftAssertions soft,
      Path logs) {

    void row(Fault fault, int k) throws Exception {
      String name = (fault == null ? "NONE" : fault.name()) + "#" + k;
      load.run(name);
      Fault.hold(Duration.ofMillis(300 + random.nextInt(700)));
      Strike strike =
          fault == null
              ? new Strike("-", Instant.now(), Map.of(), false)
              : fault.inject(rig, census, random);
      Fault.hold(Duration.ofMillis(500));
      load.pause();
      long settling = System.nanoTime();
      List<Long> ids = settle(name);
      Duration settle = elapsed(settling);
      census.dumpLog(ids, logs.resolve(name.replace('#', '-') + ".job_log.csv"));
      matrix.add(figures(fault, name, strike, ids, settle));
    }

    /** Waits until every submit has its answer and every acknowledged job is final. */
    private List<Long> settle(String name) {
      long until = System.nanoTime() + SETTLE.toNanos();
      List<Long> ids = List.of();
      while (System.nanoTime() < until) {
        if (load.quiet()) {
          ids = load.acks(name).stream().map(Ack::id).distinct().toList();
          try {
            if (census.finals(ids) == ids.size()) {
              return ids;
            }
          } catch (IllegalStateException databaseNotBackYet) {
            // polled again below
          }
        }
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      }
      return ids;
    }

    private Matrix.Row figures(
        Fault fault, String name, Strike strike, List<Long> ids, Duration settle) {
      List<Ack> acks = load.acks(name);
      long found = census.found(ids);
      long finals = census.finals(ids);
      Map<String, Long> byStatus = census.byStatus(ids);
      List<Long> twice = census.succeededTwice(ids);
      List<Rescue> rescues = census.rescues(strike.caught(), strike.at());
      Duration rescueMax = null;
      int rescued = 0;
      for (Rescue rescue : rescues) {
        if (rescue.after() != null) {
          rescued++;
          rescueMax =
              rescueMax == null || rescue.after().compareTo(rescueMax) > 0
                  ? rescue.after()
                  : rescueMax;
        }
      }
      String what =
          rig.store + " " + name + " (" + (fault == null ? "no fault" : fault.description) + ")";
      soft.assertThat(strike.failure()).as("%s: the fault took hold", what).isNull();
      soft.assertThat(found).as("%s: acknowledged jobs found", what).isEqualTo(ids.size());
      soft.assertThat(finals)
          .as("%s: acknowledged jobs final within %s s; by status %s", what, SETTLE, byStatus)
          .isEqualTo(ids.size());
      soft.assertThat(twice)
          .as("%s: jobs with two successful executions, logs %s", what, logs(twice))
          .isEmpty();
      soft.assertThat(acks.stream().map(Ack::key).distinct().count())
          .as("%s: one job per idempotency key", what)
          .isEqualTo(ids.size());
      if (strike.executorDied()) {
        soft.assertThat(strike.caught())
            .as("%s: jobs caught on the dead worker", what)
            .isNotEmpty();
        for (Rescue rescue : rescues) {
          soft.assertThat(rescue.after())
              .as(
                  "%s: job %d of dead %s rescued, log %s",
                  what, rescue.id(), rescue.owner(), census.log(rescue.id()))
              .isNotNull()
              .isLessThanOrEqualTo(RESCUE_BOUND);
        }
      }
      printSlowest(what, rescues);
      return new Matrix.Row(
          rig.store,
          fault == null ? "none" : fault.name().toLowerCase(Locale.ROOT).replace('_', '-'),
          strike.target(),
          1,
          load.sent(name),
          acks.size(),
          (int) acks.stream().filter(Ack::replayed).count(),
          load.refusals(name),
          load.abandoned(name).size(),
          census.storedUnder(load.abandoned(name)),
          found,
          finals,
          byStatus.getOrDefault("COMPLETED", 0L),
          byStatus.getOrDefault("FAILED", 0L),
          census.reRun(ids),
          twice.size(),
          strike.caught().size(),
          rescued,
          rescueMax,
          settle);
    }

    private List<List<List<String>>> logs(List<Long> ids) {
      var logs = new ArrayList<List<List<String>>>();
      ids.stream().limit(3).forEach(id -> logs.add(census.log(id)));
      return logs;
    }

    private void printSlowest(String what, List<Rescue> rescues) {
      rescues.stream()
          .filter(rescue -> rescue.after() != null)
          .max((a, b) -> a.after().compareTo(b.after()))
          .ifPresent(
              slowest ->
                  System.out.printf(
                      "%s: slowest of %d caught, job %d (held by %s) moved on after %s s: %s%n",
                      what,
                      rescues.size(),
                      slowest.id(),
                      slowest.owner(),
                      Matrix.seconds(slowest.after()),
                      census.log(slowest.id())));
    }
  }
}
