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
 * The fault matrix's cluster, as real processes on loopback, on one of two stores: a private
 * PostgreSQL with three orchestrators on it ({@link #onPostgres}), or one orchestrator on an H2
 * file ({@link #onH2}); two worker services, and a {@link FaultProxy} on every link between them.
 * Orchestrator {@code o} reaches worker {@code w} through {@code dispatch[o][w]}; worker {@code w}
 * reports its results to orchestrator {@code w mod n} through {@code results[w]}.
 *
 * <p>Not thread-safe: the test's thread starts, kills and restarts the processes.
 */
final class Rig implements AutoCloseable {
  static final int WORKERS = 2;

  /** The job store of a rig: the column of the matrix. */
  enum Store {
    H2("H2 file, one orchestrator", 1),
    POSTGRES("PostgreSQL, three orchestrators", 3);

    final String description;
    final int orchestrators;

    Store(String description, int orchestrators) {
      this.description = description;
      this.orchestrators = orchestrators;
    }
  }

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

  final Store store;

  /** The private PostgreSQL server; null on H2. */
  final PostgresCluster postgres;

  /** The database's JDBC URL, for the test's own reads ({@link Census}). */
  final String databaseUrl;

  final Cluster cluster;
  final List<Node> orchestrators = new ArrayList<>();
  final List<Node> workers = new ArrayList<>();
  final FaultProxy[][] dispatch;
  final FaultProxy[] results = new FaultProxy[WORKERS];

  private Rig(
      Store store, PostgresCluster postgres, String databaseUrl, Path directory, Duration limit) {
    this.store = store;
    this.postgres = postgres;
    this.databaseUrl = databaseUrl;
    this.cluster = new Cluster(directory, databaseUrl, limit);
    this.dispatch = new FaultProxy[store.orchestrators][WORKERS];
  }

  /** Starts PostgreSQL and the rig on it, and waits until every process serves. */
  static Rig onPostgres(Path directory, Duration limit, long seed, int workerSlots)
      throws IOException {
    PostgresCluster postgres = PostgresCluster.start();
    try {
      return started(
          new Rig(Store.POSTGRES, postgres, postgres.createDatabase("faults"), directory, limit),
          seed,
          workerSlots);
    } catch (RuntimeException | Error e) {
      postgres.close();
      throw e;
    }
  }

  /**
   * Starts the rig on a new H2 file in {@code directory}, and waits until every process serves.
   *
   * <p>The orchestrator opens the file with H2's {@code AUTO_SERVER=TRUE}, bound to loopback, so
   * that the test reads the live database through it; {@code AUTO_SERVER} needs H2's own close on
   * exit, which a {@code kill -9} does not run anyway.
   */
  static Rig onH2(Path directory, Duration limit, long seed, int workerSlots) throws IOException {
    String url =
        "jdbc:h2:file:"
            + directory.resolve("h2").resolve("rpa").toAbsolutePath()
            + ";AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=TRUE";
    return started(new Rig(Store.H2, null, url, directory, limit), seed, workerSlots);
  }

  private static Rig started(Rig rig, long seed, int workerSlots) throws IOException {
    try {
      rig.startAll(seed, workerSlots);
      return rig;
    } catch (RuntimeException | Error | IOException e) {
      rig.close();
      throw e;
    }
  }

  private void startAll(long seed, int workerSlots) throws IOException {
    int n = store.orchestrators;
    for (int o = 0; o < n; o++) {
      orchestrators.add(new Node("orchestrator-" + (o + 1), Cluster.freePort()));
    }
    for (int w = 0; w < WORKERS; w++) {
      Node worker = new Node("worker-" + (w + 1), Cluster.freePort());
      workers.add(worker);
      results[w] = FaultProxy.to("127.0.0.1", orchestrators.get(w % n).port, seed + 100 + w);
      for (int o = 0; o < n; o++) {
        dispatch[o][w] = FaultProxy.to("127.0.0.1", worker.port, seed + 10L * o + w);
      }
      worker.process =
          cluster.worker(
              worker.name,
              worker.port,
              results[w].httpUrl(),
              Map.of("MAX_WORKERS", String.valueOf(workerSlots)));
    }
    for (int o = 0; o < n; o++) {
      Node orchestrator = orchestrators.get(o);
      var urls = new ArrayList<String>();
      for (int w = 0; w < WORKERS; w++) {
        urls.add(dispatch[o][w].httpUrl());
      }
      // No in-process worker: every job crosses a proxy to a worker service and back.
      var env = new java.util.HashMap<String, String>(Map.of("MAX_WORKERS", "0"));
      if (store == Store.H2) {
        // H2's AUTO_SERVER listens on the machine's address unless told otherwise.
        env.put("JAVA_TOOL_OPTIONS", "-Dh2.bindAddress=127.0.0.1");
      }
      orchestrator.process = cluster.orchestrator(orchestrator.name, orchestrator.port, urls, env);
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
    for (FaultProxy[] row : dispatch) {
      links.add(row[w]);
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

  /**
   * True while the test may read the database: always on PostgreSQL; on H2 while the orchestrator
   * that owns the file runs (a reader opening the file in its stead would take it over).
   */
  boolean readable() {
    return store == Store.POSTGRES || orchestrators.get(0).process.isAlive();
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
      if (postgres != null) {
        postgres.close();
      }
    }
  }
}
