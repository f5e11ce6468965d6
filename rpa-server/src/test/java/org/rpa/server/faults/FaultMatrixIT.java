package org.rpa.server.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rpa.server.faults.Census.Rescue;
import org.rpa.server.faults.Fault.Strike;
import org.rpa.server.faults.Load.Ack;

/**
 * The fault matrix on a real cluster ({@link Rig}): under a steady HTTP load, each {@link Fault} in
 * turn (or, in the soak, faults at random), then a settle phase without load. For each fault: every
 * acknowledged job is in the database and final within {@link #SETTLE}; none succeeded twice; the
 * jobs held by an executor that died moved on (final, or RUNNING elsewhere) within its lease, one
 * sweep and the first retry's delay, plus a margin for this loaded machine. The matrix is printed
 * and written to {@code target/fault-matrix.md}, failed checks or not.
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

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void every_acknowledged_job_survives_every_fault_and_none_succeeds_twice() throws Exception {
    long seed = Long.getLong("rpa.faults.seed", new Random().nextLong());
    int soakMinutes = Integer.getInteger("rpa.faults.soak.minutes", 0);
    double rate = Double.parseDouble(System.getProperty("rpa.faults.rate", "20"));
    int slots = Integer.getInteger("rpa.faults.slots", soakMinutes > 0 ? 16 : 8);
    int sleepMax = Integer.getInteger("rpa.faults.sleep.ms", soakMinutes > 0 ? 200 : 600);
    System.out.printf(
        "fault matrix: seed %d (replay with -Drpa.faults.seed=%d), %s, %.0f jobs/s%n",
        seed, seed, soakMinutes > 0 ? "soak " + soakMinutes + " min" : "CI", rate);
    long started = System.nanoTime();
    Duration limit =
        soakMinutes > 0 ? Duration.ofMinutes(soakMinutes + 5L) : CI_BUDGET.minusSeconds(5);
    var random = new Random(seed);
    var matrix = new Matrix();
    var soft = new SoftAssertions();
    fresh(LOGS);
    try (Rig rig = Rig.start(LOGS.toAbsolutePath(), limit, seed, slots);
        Load load = new Load(rig.orchestratorUrls(), rig.token(), rate, seed, sleepMax)) {
      var census = new Census(rig.databaseUrl);
      System.out.printf("cluster up after %d s%n", elapsed(started).toSeconds());
      var run = new Run(rig, load, census, random, matrix, soft);
      run.row(null, 0);
      if (soakMinutes == 0) {
        int k = 1;
        for (Fault fault : Fault.values()) {
          run.row(fault, k++);
        }
      } else {
        long until = started + Duration.ofMinutes(soakMinutes).toNanos();
        for (int k = 1; System.nanoTime() < until; k++) {
          run.row(Fault.values()[random.nextInt(Fault.values().length)], k);
        }
      }
    } finally {
      Duration wall = elapsed(started);
      String header =
          String.format(
              "Fault matrix, seed %d, %s, %.0f jobs/s, wall time %d s, finished %s",
              seed,
              soakMinutes > 0 ? "soak " + soakMinutes + " min" : "CI mode",
              rate,
              wall.toSeconds(),
              Instant.now());
      System.out.println(header + "\n\n" + matrix.markdown());
      matrix.write(Path.of("target", "fault-matrix.md"), header);
      if (soakMinutes == 0) {
        soft.assertThat(wall).as("the CI mode's wall time").isLessThanOrEqualTo(CI_BUDGET);
      }
    }
    soft.assertAll();
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
      Rig rig, Load load, Census census, Random random, Matrix matrix, SoftAssertions soft) {

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
      census.dumpLog(ids, LOGS.resolve(name.replace('#', '-') + ".job_log.csv"));
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
      String what = name + " (" + (fault == null ? "no fault" : fault.description) + ")";
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
          fault == null
              ? "none"
              : fault.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
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
