package org.rpa.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.dispatch.Fleet;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.sandbox.SandboxPortals;
import org.rpa.server.Cluster;
import org.rpa.server.TestServer;

/**
 * A real worker process ({@code java -jar rpa-server.jar worker}) runs a browser job against the
 * sandbox portals, so it starts chromedriver and a headless Chromium of its own, which stay warm in
 * its session pool. Its {@code /status} then reports the memory of its whole process tree, more
 * than its JVM's own resident memory, and the orchestrator (the server in this JVM, on a clock that
 * moves only when told) keeps that sample in the worker's executor row. After {@code kill -9} of
 * the worker, the fleet shows it offline once one lease has passed on the orchestrator's clock.
 * {@code /api/v1/metrics/robots} shows the same figures, and the worker offline after the kill.
 */
class WorkerResourcesIT {
  private static final Duration LEASE = Duration.ofSeconds(4);

  @TempDir Path directory;
  private SandboxPortals portals;
  private Cluster cluster;
  private TestServer server;
  private List<ProcessHandle> browsers = List.of();

  @AfterEach
  void stop() throws Exception {
    // A worker killed with -9 leaves its chromedriver and Chromium behind: end them by their PID.
    browsers.forEach(ProcessHandle::destroyForcibly);
    if (server != null) {
      server.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (portals != null) {
      portals.close();
    }
  }

  @Test
  void a_worker_reports_its_chromium_children_and_is_offline_within_one_lease_after_kill_9()
      throws Exception {
    portals = SandboxPortals.start();
    cluster = new Cluster(directory, "unused: the orchestrator runs in this JVM");
    int orchestratorPort = Cluster.freePort();
    int workerPort = Cluster.freePort();
    Map<String, String> extra = new HashMap<>(portals.variables());
    extra.put("MAX_WORKERS", "1");
    extra.put("WORKER_DEMO_HANDLERS", "false");
    Process worker = cluster.worker("worker", workerPort, orchestratorPort, extra);
    String url = "http://127.0.0.1:" + workerPort;
    cluster.awaitUp(worker, url + "/status");
    server =
        new TestServer(
            Map.of(
                "PORT",
                String.valueOf(orchestratorPort),
                "WORKER_URLS",
                url,
                "WORKER_AUTH_TOKEN",
                Cluster.TOKEN,
                "WORKER_TIMEOUT",
                "5",
                "HEARTBEAT_INTERVAL_SECONDS",
                "1",
                "LEASE_LENGTH_SECONDS",
                String.valueOf(LEASE.toSeconds())));
    var orchestrator = server.server.orchestrator();

    JobId id =
        orchestrator
            .jobs()
            .submit(
                JobRequest.of("mfn", "validation")
                    .param("circuit_number", portals.portal("mfn").circuit(1)));
    cluster.await(
        "the browser job COMPLETED on the worker",
        () -> orchestrator.jobs().get(id).status() == JobStatus.COMPLETED);
    browsers = worker.toHandle().descendants().toList();
    List<String> children = commands(browsers.stream());
    assertThat(children).as("the worker's descendants").anyMatch(c -> c.contains("chrom"));

    long jvmResident = residentBytes(worker.pid());
    JsonNode resources =
        cluster.json.readTree(cluster.get(url + "/status").body()).path("resources");
    System.out.println(
        "worker JVM RSS " + jvmResident + " B, worker /status resources " + resources);
    assertThat(resources.path("memory_bytes").asLong()).isGreaterThan(jvmResident);
    assertThat(resources.path("processes").asInt()).isGreaterThan(2);

    cluster.await(
        "the fleet's sample of the worker, idle, with its Chromium children",
        () -> {
          Fleet.Member member = member(orchestrator.fleet(), url);
          return member != null
              && member.state() == Fleet.State.IDLE
              && member.resources() != null
              && member.resources().processes() > 2
              && member.resources().memoryBytes() > jvmResident;
        });
    Fleet.Member seen = member(orchestrator.fleet(), url);
    System.out.println("orchestrator's fleet view of the worker: " + seen);
    assertThat(seen.resources().cpuPercent()).isNotNegative();
    String token = server.adminToken();
    JsonNode robot = robot(server.body(server.get("/api/v1/metrics/robots", token)), url);
    System.out.println("/api/v1/metrics/robots shows the worker as " + robot);
    assertThat(robot.path("status").asText()).isEqualTo("idle");
    assertThat(robot.path("kind").asText()).isEqualTo("remote");
    assertThat(robot.path("memory_mb").asDouble()).isGreaterThan(jvmResident / 1024.0 / 1024.0);
    assertThat(robot.path("processes").asInt()).isGreaterThan(2);
    assertThat(robot.path("cpu_percent").isNumber()).isTrue();
    assertThat(robot.path("cpu_percent").asDouble()).isNotNegative();

    Cluster.kill9(worker);
    cluster.await(
        "the orchestrator's probe finding the worker gone",
        () -> orchestrator.remoteWorkers().orElseThrow().states().get(url).equals("offline"));
    assertThat(member(orchestrator.fleet(), url).leaseUntil())
        .isAfter(server.clock.instant())
        .isBeforeOrEqualTo(server.clock.instant().plus(LEASE));
    server.clock.advance(LEASE);
    assertThat(member(orchestrator.fleet(), url).state()).isEqualTo(Fleet.State.OFFLINE);
    JsonNode offline = server.body(server.get("/api/v1/metrics/robots?status=offline", token));
    assertThat(robot(offline, url).path("status").asText()).isEqualTo("offline");
    assertThat(server.body(server.get("/api/v1/metrics/robots?status=idle", token)).toString())
        .doesNotContain(url);
    JsonNode workers = server.body(server.get("/metrics", null)).path("current").path("workers");
    assertThat(workers.size()).as(workers.toString()).isEqualTo(1);
    assertThat(workers.path(url + "/execute").asText()).isEqualTo("offline");
  }

  private static Fleet.Member member(Fleet fleet, String url) {
    return fleet.executors().stream()
        .filter(member -> url.equals(member.address()))
        .reduce((older, newer) -> newer)
        .orElse(null);
  }

  /** The newest robot of {@code robots} at {@code url}. */
  private static JsonNode robot(JsonNode robots, String url) {
    JsonNode found = null;
    for (JsonNode robot : robots) {
      if (url.equals(robot.path("address").asText())) {
        found = robot;
      }
    }
    assertThat(found).as("a robot at " + url + " in " + robots).isNotNull();
    return found;
  }

  private static List<String> commands(Stream<ProcessHandle> processes) {
    return processes.map(p -> p.info().command().orElse("?")).toList();
  }

  /** {@code VmRSS} of {@code /proc/<pid>/status}, in bytes. */
  private static long residentBytes(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
        .filter(line -> line.startsWith("VmRSS:"))
        .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
        .findFirst()
        .orElseThrow();
  }
}
