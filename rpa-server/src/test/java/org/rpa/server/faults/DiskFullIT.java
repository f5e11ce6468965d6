package org.rpa.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.testing.disk.SmallDisk;
import org.rpa.sandbox.SandboxPortals;
import org.rpa.server.Cluster;
import org.rpa.server.faults.Load.Ack;
import org.rpa.server.faults.Load.Refusal;

/**
 * A full disk under the H2 file and under the evidence directory, each a small tmpfs of its own
 * ({@link SmallDisk}) that the test fills with a filler file until ENOSPC and empties again.
 *
 * <p>The H2 file's disk fills under a steady load of {@code demo.sleep} submits over HTTP: the
 * submits that cannot be stored are 503 {@code ServiceUnavailableError}, the health routes say the
 * store is down and why; once the filler is gone the server serves again by itself; then the disk
 * fills again and the orchestrator is killed with {@code kill -9}, the space returns and it starts
 * again on the same file. Every acknowledged job is in the file at the end, final, and ran once.
 * The evidence case is {@link EvidenceDiskCase}. A table of both is printed.
 */
class DiskFullIT {
  static final int DISK_MEGABYTES = 16;
  static final double RATE = 10;
  static final List<String> TABLE = new ArrayList<>();

  /** The processes' logs, kept for a failure's evidence. */
  static final Path LOGS = Path.of("target", "disk-full-logs").toAbsolutePath();

  @TempDir Path temp;

  @AfterAll
  static void print() {
    System.out.println(
        "| fault | acknowledged | found | final | duplicated | errors seen | recovery |\n"
            + "|---|---|---|---|---|---|---|\n"
            + String.join("\n", TABLE));
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void the_h2_files_disk_full_refuses_submits_with_503_and_recovers_by_itself_and_after_kill_9()
      throws Exception {
    long seed = new Random().nextLong();
    var soft = new SoftAssertions();
    Path mount = temp.resolve("disk");
    try (SmallDisk disk = SmallDisk.open(mount, DISK_MEGABYTES);
        Cluster cluster =
            new Cluster(
                    fresh(LOGS.resolve("h2")),
                    "jdbc:h2:file:" + mount + "/rpa",
                    Duration.ofSeconds(110))
                .within(disk.enter())) {
      System.out.println("DiskFullIT: the H2 file's disk is " + disk.way() + ", seed " + seed);
      int port = Cluster.freePort();
      int workerPort = Cluster.freePort();
      String base = "http://127.0.0.1:" + port;
      // The demo job types run on a worker service; the orchestrator only stores and dispatches.
      Process worker = cluster.worker("worker", workerPort, port, Map.of("MAX_WORKERS", "4"));
      Process orchestrator =
          cluster.orchestrator(port, List.of(workerPort), Map.of("MAX_WORKERS", "0"));
      cluster.awaitUp(orchestrator, base + "/health");
      cluster.awaitUp(worker, "http://127.0.0.1:" + workerPort + "/status");
      var http = new Http(cluster, base, cluster.adminToken(base));
      try {
        h2Case(disk, cluster, http, orchestrator, seed, soft);
      } catch (Throwable e) {
        cluster.threadDumps(LOGS.resolve("h2").resolve("threads.txt"));
        throw e;
      }
    }
    soft.assertAll();
  }

  private void h2Case(
      SmallDisk disk,
      Cluster cluster,
      Http http,
      Process orchestrator,
      long seed,
      SoftAssertions soft)
      throws Exception {
    String base = http.base;
    try (Load load = new Load(List.of(base), http.token, RATE, seed, 200)) {
      load.run("before");
      cluster.await("20 jobs acknowledged", () -> load.acks("before").size() >= 20);

      long filler = disk.fill();
      load.run("full");
      cluster.await(
          "a submit refused and the full health 503 while the disk is full",
          () -> !load.refused("full").isEmpty() && http.status("/api/system/health/full") == 503);
      JsonNode full = http.json("/api/system/health/full");
      JsonNode ready = http.json("/health/ready");
      System.out.printf(
          "disk full (filler %d bytes): full health %s%nready %s%n", filler, full, ready);
      assertRefusalsAre503(soft, load.refused("full"));
      soft.assertThat(full.path("status").asText()).isEqualTo("unhealthy");
      soft.assertThat(full.path("postgres").path("message").asText())
          .as("the store's health names the cause")
          .containsIgnoringCase("No space left on device");
      soft.assertThat(ready.path("status").asText()).isEqualTo("not_ready");

      disk.free();
      long freed = System.nanoTime();
      load.run("space returned");
      cluster.await(
          "a job acknowledged after the space returned, the full health 200",
          () ->
              !load.acks("space returned").isEmpty()
                  && http.status("/api/system/health/full") == 200);
      Duration recovered = firstAckAfter(load.acks("space returned"), freed);
      cluster.await("20 jobs more", () -> load.acks("space returned").size() >= 20);
      load.pause();
      cluster.await("the load's answers", load::quiet);
      http.awaitDrained();
      List<Refusal> seen = new ArrayList<>(load.refused("full"));
      List<Ack> served = new ArrayList<>(load.acks("before"));
      served.addAll(load.acks("full"));
      served.addAll(load.acks("space returned"));

      // Jobs in flight (queued, on the worker) when the disk fills and the orchestrator dies.
      load.run("before kill");
      cluster.await("10 jobs acknowledged", () -> load.acks("before kill").size() >= 10);
      disk.fill();
      load.run("killed");
      cluster.await("a submit refused on the full disk", () -> !load.refused("killed").isEmpty());
      Cluster.kill9(orchestrator);
      load.pause();
      disk.free();
      long restarted = System.nanoTime();
      orchestrator = cluster.restart(orchestrator);
      cluster.awaitUp(orchestrator, base + "/health");
      Duration up = Duration.ofNanos(System.nanoTime() - restarted);
      load.run("after restart");
      cluster.await("10 jobs acknowledged", () -> load.acks("after restart").size() >= 10);
      load.pause();
      cluster.await("the load's answers", load::quiet);
      http.awaitDrained();
      List<Ack> killed = new ArrayList<>(load.acks("before kill"));
      killed.addAll(load.acks("killed"));
      killed.addAll(load.acks("after restart"));
      assertRefusalsAre503(soft, load.refused("killed"));
      orchestrator.destroy();
      assertThat(orchestrator.waitFor(30, TimeUnit.SECONDS)).isTrue();

      var census = new Census(copy(disk.path(), temp.resolve("copy")), () -> true);
      row(
          soft,
          census,
          "the H2 file's disk full (served on)",
          served,
          seen,
          load,
          "full",
          "first 201 " + millis(recovered) + " after the space returned");
      row(
          soft,
          census,
          "kill -9 while the H2 file's disk is full",
          killed,
          load.refused("killed"),
          load,
          "killed",
          "serving " + millis(up) + " after the restart");
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void the_evidence_directorys_disk_full_fails_the_attempt_and_its_retry_completes_with_whole_pngs()
      throws Exception {
    var soft = new SoftAssertions();
    Path mount = temp.resolve("evidence-disk");
    Path logs = fresh(LOGS.resolve("evidence"));
    try (SandboxPortals portals = SandboxPortals.start();
        SmallDisk disk = SmallDisk.open(mount, EvidenceDiskCase.DISK_MEGABYTES);
        Cluster cluster =
            new Cluster(
                    logs,
                    "jdbc:h2:file:" + logs.resolve("data").resolve("rpa"),
                    Duration.ofSeconds(110))
                .within(disk.enter())) {
      System.out.println("DiskFullIT: the evidence directory's disk is " + disk.way());
      try {
        TABLE.add(new EvidenceDiskCase(portals, disk, cluster, logs, soft).run(mount));
      } catch (Throwable e) {
        cluster.threadDumps(logs.resolve("threads.txt"));
        throw e;
      }
    }
    soft.assertAll();
  }

  /** Each refusal is a 503 with the documented error body, or no answer at all. */
  static void assertRefusalsAre503(SoftAssertions soft, List<Refusal> refusals) {
    for (Refusal refusal : refusals) {
      soft.assertThat(refusal.status()).as("a refused submit: %s", refusal).isIn(0, 503);
      if (refusal.status() == 503) {
        soft.assertThat(refusal.body())
            .contains("\"error_type\":\"ServiceUnavailableError\"")
            .contains("\"detail\":");
      }
    }
  }

  static void row(
      SoftAssertions soft,
      Census census,
      String fault,
      List<Ack> acks,
      List<Refusal> refusals,
      Load load,
      String name,
      String recovery) {
    List<Long> ids = ids(acks);
    long found = census.found(ids);
    long finals = census.finals(ids);
    List<Long> twice = census.succeededTwice(ids);
    var statuses = new TreeMap<Integer, Integer>();
    refusals.forEach(refusal -> statuses.merge(refusal.status(), 1, Integer::sum));
    String errors =
        statuses.entrySet().stream()
                .map(
                    entry ->
                        (entry.getKey() == 0 ? "no answer" : entry.getKey())
                            + " ×"
                            + entry.getValue())
                .reduce((a, b) -> a + ", " + b)
                .orElse("none")
            + (refusals.isEmpty() ? "" : ": " + detail(refusals))
            + "; stored without an answer: "
            + census.storedUnder(load.abandoned(name));
    TABLE.add(
        String.format(
            "| %s | %d | %d | %d | %d | %s | %s |",
            fault, ids.size(), found, finals, twice.size(), errors, recovery));
    soft.assertThat(found).as("%s: acknowledged jobs found", fault).isEqualTo(ids.size());
    soft.assertThat(finals)
        .as("%s: final; by status %s", fault, census.byStatus(ids))
        .isEqualTo(ids.size());
    soft.assertThat(census.byStatus(ids)).as(fault).containsOnlyKeys("COMPLETED");
    soft.assertThat(twice).as("%s: succeeded twice", fault).isEmpty();
  }

  static String detail(List<Refusal> refusals) {
    return refusals.stream()
        .filter(refusal -> refusal.status() != 0)
        .map(refusal -> refusal.body().replaceAll(".*\"detail\":\"([^\"]*)\".*", "$1"))
        .findFirst()
        .orElse(refusals.get(0).body());
  }

  static List<Long> ids(List<Ack> acks) {
    return acks.stream().map(Ack::id).distinct().toList();
  }

  static Duration firstAckAfter(List<Ack> acks, long nanos) {
    long first = acks.stream().mapToLong(Ack::nanos).min().orElseThrow();
    return Duration.ofNanos(Math.max(0, first - nanos));
  }

  static String millis(Duration duration) {
    return String.format("%,d ms", duration.toMillis());
  }

  static Path fresh(Path directory) throws java.io.IOException {
    if (Files.exists(directory)) {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    return Files.createDirectories(directory);
  }

  /**
   * Copies the H2 file out of the tmpfs: H2 resolves real paths, and {@code /proc/<pid>/root}
   * resolves to this namespace's root, so the test opens a copy.
   */
  static String copy(Path disk, Path target) throws Exception {
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(disk)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".mv.db")).toList()) {
        Files.copy(file, target.resolve(file.getFileName()));
      }
    }
    return "jdbc:h2:file:" + target.resolve("rpa").toAbsolutePath();
  }
}
