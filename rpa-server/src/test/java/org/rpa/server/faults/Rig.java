package org.rpa.server.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rpa.core.testing.net.FaultProxy;
import org.rpa.core.testing.pg.PostgresCluster;
import org.rpa.server.Cluster;

/**
 * The fault matrix's cluster, as real processes on loopback: one private PostgreSQL, three
 * orchestrators on it, two worker services, and a {@link FaultProxy} on every link between them.
 * Orchestrator {@code o} reaches worker {@code w} through {@code dispatch[o][w]}; worker {@code w}
 * reports its results to orchestrator {@code w} through {@code results[w]}.
 *
 * <p>Not thread-safe: the test's thread starts, kills and restarts the processes.
 */
final class Rig implements AutoCloseable {
  static final int ORCHESTRATORS = 3;
  static final int WORKERS = 2;

  /** One process of the rig: its name, its port and the process running now. */
  static final class Node {
    final String name;
    final int port;
    Process process;

    /** A worker's id, new at each start; null for an orchestrator. */
    String workerId;

    Node(String name, int port) {
      this.name = name;
      this.port = port;
    }

    String url() {
      return "http://127.0.0.1:" + port;
    }
  }

  final PostgresCluster postgres;
  final String databaseUrl;
  final Cluster cluster;
  final List<Node> orchestrators = new ArrayList<>();
  final List<Node> workers = new ArrayList<>();
  final FaultProxy[][] dispatch = new FaultProxy[ORCHESTRATORS][WORKERS];
  final FaultProxy[] results = new FaultProxy[WORKERS];

  private Rig(PostgresCluster postgres, Path directory, Duration limit) {
    this.postgres = postgres;
    this.databaseUrl = postgres.createDatabase("faults");
    this.cluster = new Cluster(directory, databaseUrl, limit);
  }

  /**
   * Starts PostgreSQL, the proxies, the workers and the orchestrators, and waits until all serve.
   */
  static Rig start(Path directory, Duration limit, long seed, int workerSlots) throws IOException {
    Rig rig = new Rig(PostgresCluster.start(), directory, limit);
    try {
      rig.startAll(seed, workerSlots);
      return rig;
    } catch (RuntimeException | Error | IOException e) {
      rig.close();
      throw e;
    }
  }

  private void startAll(long seed, int workerSlots) throws IOException {
    for (int o = 0; o < ORCHESTRATORS; o++) {
      orchestrators.add(new Node("orchestrator-" + (o + 1), Cluster.freePort()));
    }
    for (int w = 0; w < WORKERS; w++) {
      Node worker = new Node("worker-" + (w + 1), Cluster.freePort());
      workers.add(worker);
      results[w] = FaultProxy.to("127.0.0.1", orchestrators.get(w).port, seed + 100 + w);
      for (int o = 0; o < ORCHESTRATORS; o++) {
        dispatch[o][w] = FaultProxy.to("127.0.0.1", worker.port, seed + 10L * o + w);
      }
      worker.process =
          cluster.worker(
              worker.name,
              worker.port,
              results[w].httpUrl(),
              Map.of("MAX_WORKERS", String.valueOf(workerSlots)));
    }
    for (int o = 0; o < ORCHESTRATORS; o++) {
      Node orchestrator = orchestrators.get(o);
      var urls = new ArrayList<String>();
      for (int w = 0; w < WORKERS; w++) {
        urls.add(dispatch[o][w].httpUrl());
      }
      // No in-process worker: every job crosses a proxy to a worker service and back.
      orchestrator.process =
          cluster.orchestrator(
              orchestrator.name, orchestrator.port, urls, Map.of("MAX_WORKERS", "0"));
    }
    for (Node orchestrator : orchestrators) {
      cluster.awaitUp(orchestrator.process, orchestrator.url() + "/health");
    }
    // After the orchestrators: the first of them creates the executors table.
    for (Node worker : workers) {
      awaitWorker(worker);
    }
  }

  /**
   * Waits until {@code worker} serves and holds a live executor lease (some orchestrator probed).
   */
  void awaitWorker(Node worker) {
    worker.workerId =
        cluster.awaitUp(worker.process, worker.url() + "/status").path("worker_id").asText();
    cluster.await(
        worker.name + " online",
        () ->
            cluster.count(
                    "SELECT COUNT(*) FROM executors WHERE id = '"
                        + worker.workerId
                        + "' AND lease_until > now()")
                == 1);
  }

  /** {@code kill -9} of {@code node}'s process. */
  void kill(Node node) throws Exception {
    Cluster.kill9(node.process);
  }

  /** Starts a killed {@code node} again with the same command and waits until it serves. */
  void restart(Node node) throws IOException {
    node.process = cluster.restart(node.process);
    if (node.workerId != null) {
      awaitWorker(node);
    } else {
      cluster.awaitUp(node.process, node.url() + "/health");
    }
  }

  /** Every proxy between the orchestrators and worker {@code w}. */
  List<FaultProxy> linksTo(int w) {
    var links = new ArrayList<FaultProxy>();
    for (int o = 0; o < ORCHESTRATORS; o++) {
      links.add(dispatch[o][w]);
    }
    return links;
  }

  /** Every proxy of the rig back to passing traffic, without latency. */
  void heal() {
    for (FaultProxy[] row : dispatch) {
      for (FaultProxy proxy : row) {
        proxy.latency(Duration.ZERO).pass();
      }
    }
    for (FaultProxy proxy : results) {
      proxy.latency(Duration.ZERO).pass();
    }
  }

  List<String> orchestratorUrls() {
    return orchestrators.stream().map(Node::url).toList();
  }

  /** An admin JWT from the first orchestrator; every orchestrator accepts it (one secret). */
  String token() throws IOException, InterruptedException {
    return cluster.adminToken(orchestrators.get(0).url());
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      for (FaultProxy[] row : dispatch) {
        for (FaultProxy proxy : row) {
          if (proxy != null) {
            proxy.close();
          }
        }
      }
      for (FaultProxy proxy : results) {
        if (proxy != null) {
          proxy.close();
        }
      }
      postgres.close();
    }
  }
}
