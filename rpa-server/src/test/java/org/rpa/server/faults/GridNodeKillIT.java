package org.rpa.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rpa.core.recovery.RetryPolicy;
import org.rpa.core.testing.pg.PostgresCluster;
import org.rpa.sandbox.SandboxPortals;
import org.rpa.server.Cluster;

/**
 * A Selenium Grid node killed in the middle of a browser flow. A hub and a node run as processes of
 * their own ({@link Grid}); one orchestrator process runs the flows in-process with {@code
 * BROWSER_GRID_URL} at the hub, against the sandbox portals (served by this JVM, each page slowed
 * so that a flow takes seconds); validation jobs are submitted over HTTP. Once a flow is in the
 * middle of its steps (its job holds a pool session, the hub holds a session, its portal saw the
 * login, its screenshot is not taken yet), the node and the chromedriver and Chromium processes it
 * started get {@code kill -9}; the node starts again after {@link #PAUSE}. The row's settle runs
 * from the node being UP again to the last job final. The test asserts what the fault matrix
 * asserts (every acknowledged job found and final, none succeeded twice), that each flow caught on
 * the node failed with a technical failure that names the lost session, was retried and completed
 * on the restarted node within {@link #rescueBound}, that every completed job's screenshots are
 * PNGs, and prints one {@link Matrix.Row} with what {@code GET /api/system/circuit-breakers} said
 * of {@code browser-grid}.
 */
class GridNodeKillIT {
  static final int SESSIONS = 2;
  static final int JOBS = 6;
  static final Duration PAUSE = Duration.ofSeconds(1);
  static final Duration PAGE_DELAY = Duration.ofMillis(800);

  /**
   * The longest a flow of this suite takes: a session start and a handful of pages each slowed by
   * {@link #PAGE_DELAY}, on two cores shared with the rest of the suite (3 to 10 s seen here).
   */
  static final Duration FLOW = Duration.ofSeconds(20);

  static final Path LOGS = Path.of("target", "grid-node-kill");

  @Test
  @Timeout(170)
  void a_node_killed_mid_flow_costs_the_caught_flows_one_attempt_and_they_complete_on_its_restart()
      throws Exception {
    clean(LOGS);
    Files.createDirectories(LOGS);
    Path directory = LOGS.toAbsolutePath();
    Path evidence = directory.resolve("evidence");
    try (PostgresCluster postgres = PostgresCluster.start();
        SandboxPortals portals = SandboxPortals.start();
        Grid grid = Grid.start(directory, SESSIONS, Duration.ofSeconds(60));
        Cluster cluster =
            new Cluster(directory, postgres.createDatabase("grid"), Duration.ofSeconds(150))) {
      SandboxPortals.PROVIDERS.forEach(p -> portals.portal(p).slowPages(PAGE_DELAY));
      Map<String, String> env = new LinkedHashMap<>(portals.variables());
      env.put("MAX_WORKERS", String.valueOf(SESSIONS));
      env.put("BROWSER_MAX_SESSIONS", String.valueOf(SESSIONS));
      env.put("BROWSER_GRID_URL", grid.url());
      env.put("EVIDENCE_DIR", evidence.toString());
      int port = Cluster.freePort();
      String base = "http://127.0.0.1:" + port;
      Process orchestrator = cluster.orchestrator("orchestrator", port, List.of(), env);
      cluster.awaitUp(orchestrator, base + "/health");
      var api = new FlowApi(cluster, base, cluster.adminToken(base), postgres.jdbcUrl("grid"));

      Map<Long, String> circuits = new LinkedHashMap<>();
      for (int n = 0; n < JOBS; n++) {
        String provider = SandboxPortals.PROVIDERS.get(n % SandboxPortals.PROVIDERS.size());
        String circuit = portals.portal(provider).circuit(n + 1);
        circuits.put(api.submit(provider, circuit, "grid-node-kill-" + n), provider);
      }
      var census = new Census(postgres.jdbcUrl("grid"), () -> true);

      long midFlow = awaitMidFlow(cluster, api, grid, portals, circuits, evidence);
      // The jobs holding a grid session, with their executor: a retry RUNNING on the same
      // executor is not a rescue, only the job's final status is.
      Map<Long, String> leased = census.leased();
      Map<Long, String> caught = new LinkedHashMap<>();
      api.busyJobs().forEach(id -> caught.put(id, leased.get(id)));
      Instant killedAt = Instant.now();
      int killed = grid.killNodeTree();
      String deadNode = grid.nodeUp();
      var breakerDuring = new TreeSet<String>();
      long startedAgain = System.nanoTime();
      while (Duration.ofNanos(System.nanoTime() - startedAgain).compareTo(PAUSE) < 0) {
        breakerDuring.add(api.gridBreaker());
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      }
      grid.startNode();
      grid.awaitNode(deadNode, Duration.ofSeconds(60));
      Duration nodeBack = Duration.between(killedAt, Instant.now());
      breakerDuring.add(api.gridBreaker());

      Instant loadEnd = Instant.now();
      cluster.await(
          "every job final",
          () -> {
            breakerDuring.add(api.gridBreaker());
            return census.finals(circuits.keySet()) == JOBS;
          });
      Duration settle = Duration.between(loadEnd, Instant.now());
      String breakerAfter = api.gridBreaker();
      JsonNode callsAfter = api.gridBreakerCalls();
      Map<String, String> portalBreakers = new LinkedHashMap<>();
      SandboxPortals.PROVIDERS.forEach(p -> portalBreakers.put(p, api.breaker("portal-" + p)));

      var ids = circuits.keySet();
      List<Census.Rescue> rescues = census.rescues(caught, killedAt);
      Duration bound = rescueBound(nodeBack);
      Duration rescueMax =
          rescues.stream()
              .map(Census.Rescue::after)
              .filter(after -> after != null)
              .max(Duration::compareTo)
              .orElse(null);
      long rescued =
          rescues.stream()
              .filter(r -> r.after() != null && r.after().compareTo(bound) <= 0)
              .count();
      Map<String, Long> statuses = census.byStatus(ids);
      var row =
          new Matrix.Row(
              Rig.Store.POSTGRES,
              "grid-node-kill",
              "grid node",
              1,
              JOBS,
              JOBS,
              0,
              0,
              0,
              0,
              census.found(ids),
              census.finals(ids),
              statuses.getOrDefault("COMPLETED", 0L),
              statuses.getOrDefault("FAILED", 0L),
              census.reRun(ids),
              census.succeededTwice(ids).size(),
              caught.size(),
              (int) rescued,
              rescueMax,
              settle);
      var matrix = new Matrix();
      matrix.add(row);
      List<List<String>> failures = api.failedAttempts(ids);
      String report =
          "GridNodeKillIT: kill -9 of the grid node and its "
              + (killed - 1)
              + " child processes while job "
              + midFlow
              + " was mid-flow; node UP again "
              + Matrix.seconds(nodeBack)
              + " s after the kill; rescue bound "
              + Matrix.seconds(bound)
              + " s; browser-grid during: "
              + breakerDuring
              + ", after: "
              + breakerAfter
              + " "
              + callsAfter
              + "; portal breakers after: "
              + portalBreakers
              + "\nfailed attempts (job, attempt, error_type, error_message): "
              + failures
              + "\n\n"
              + matrix.markdown();
      System.out.println(report);
      matrix.write(LOGS.resolve("grid-node-kill.md"), report);
      census.dumpLog(ids, LOGS.resolve("grid-node-kill.job_log.csv"));

      assertThat(row.found()).as("acknowledged jobs in the database").isEqualTo(JOBS);
      assertThat(row.finals()).as("acknowledged jobs final").isEqualTo(JOBS);
      assertThat(row.completed()).as("jobs COMPLETED: %s", statuses).isEqualTo(JOBS);
      assertThat(row.duplicated()).as("jobs with two successful executions").isZero();
      assertThat(caught).as("jobs holding a grid session at the kill").containsKey(midFlow);
      assertThat(rescues)
          .as("each caught job final within %s s", Matrix.seconds(bound))
          .allSatisfy(r -> assertThat(r.after()).isNotNull().isLessThanOrEqualTo(bound));
      List<String> midFlowFailures =
          failures.stream()
              .filter(f -> f.get(0).equals(String.valueOf(midFlow)))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no failed attempt of job " + midFlow));
      assertThat(midFlowFailures.get(2))
          .as("the caught flow's error type")
          .isIn("BrowserError", "StepFailed");
      assertThat(midFlowFailures.get(3))
          .as("the caught flow's error names the lost session")
          .containsIgnoringCase("session");
      assertThat(api.attempts(midFlow)).as("attempts of job " + midFlow).isGreaterThan(1);
      for (long id : ids) {
        api.assertScreenshotsArePngs(id, LOGS.resolve("job-" + id + "-last.png"));
      }
      // A pooled session is a session on the grid: a dead one kept in the pool would be missing
      // from the restarted node's slots.
      assertThat(api.sessions())
          .as("the pool's sessions, all live on the restarted node")
          .isEqualTo(grid.busySlots())
          .isBetween(1, SESSIONS);
      assertThat(breakerAfter).as("browser-grid once every job completed").isEqualTo("closed");
    }
  }

  /**
   * How long a job caught on the dead node may take to complete: its attempt fails as soon as the
   * hub cannot reach the node; the retry is due one initial delay later, with its jitter; a retry
   * due while the node is still down fails its session start at once and waits the next delay (the
   * multiplier); the retry may then wait for a worker slot behind one flow of the queue (jobs
   * queued before it was due are claimed first), and runs one flow on the restarted node. {@code
   * nodeBack} is measured: kill to the hub listing the restarted node.
   */
  static Duration rescueBound(Duration nodeBack) {
    double jitter = 1 + RetryPolicy.DEFAULT_JITTER;
    Duration first = scale(RetryPolicy.DEFAULT_INITIAL_DELAY, jitter);
    Duration second =
        scale(RetryPolicy.DEFAULT_INITIAL_DELAY, jitter * RetryPolicy.DEFAULT_MULTIPLIER);
    Duration retries = nodeBack.compareTo(first) <= 0 ? first : first.plus(second);
    return retries.plus(FLOW).plus(FLOW);
  }

  private static Duration scale(Duration delay, double factor) {
    return Duration.ofMillis(Math.round(delay.toMillis() * factor));
  }

  /**
   * Waits until a flow is in the middle of its steps on the node: its job holds a session of the
   * pool ({@code /browser-services}), the hub holds a session, its portal has seen a login and its
   * evidence folder has no screenshot yet (the built-in flows take theirs on the service page, the
   * last step). Returns that job's id.
   */
  private static long awaitMidFlow(
      Cluster cluster,
      FlowApi api,
      Grid grid,
      SandboxPortals portals,
      Map<Long, String> providers,
      Path evidence) {
    long[] found = {0};
    cluster.await(
        "a flow logged in to its portal, before its screenshot, with its session on the grid",
        () -> {
          try {
            for (long id : api.busyJobs()) {
              if (portals.portal(providers.get(id)).logins() > 0
                  && screenshots(evidence.resolve(String.valueOf(id))) == 0
                  && grid.busySlots() > 0) {
                found[0] = id;
                return true;
              }
            }
            return false;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    return found[0];
  }

  private static long screenshots(Path folder) {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.toString().endsWith(".png")).count();
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  private static void clean(Path folder) throws java.io.IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      List<Path> all = new ArrayList<>(files.toList());
      java.util.Collections.reverse(all);
      for (Path file : all) {
        Files.delete(file);
      }
    }
  }
}
