package org.rpa.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.Orchestrator;
import org.rpa.core.job.JobRequest;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;
import org.rpa.server.Cluster;

/**
 * Completion callbacks survive a receiver that refuses and an orchestrator killed meanwhile: the
 * receiver (a real JDK HTTP server) ends up with exactly one callback per finished job after dedupe
 * by idempotency key, none missing.
 */
@ExtendWith(PostgresExtension.class)
class CallbackOutboxIT {
  private static final int JOBS = 30;

  @TempDir Path directory;

  @Test
  void a_refusing_receiver_and_a_killed_orchestrator_still_get_one_callback_per_job(
      PgDatabase database) throws Exception {
    var accepting = new AtomicBoolean(false);
    var refused = new AtomicInteger();
    var keys = new CopyOnWriteArrayList<String>();
    var jobIds = ConcurrentHashMap.<Long>newKeySet();
    var badTokens = new AtomicInteger();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/rpa-callbacks",
        exchange -> {
          if (!exchange.getRequestMethod().equals("POST")) {
            // The full health's probe of the receiver (a HEAD), not a callback.
            exchange.sendResponseHeaders(405, -1);
            exchange.close();
            return;
          }
          byte[] body = exchange.getRequestBody().readAllBytes();
          if (!"Bearer cb-token-123"
              .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            badTokens.incrementAndGet();
          }
          if (!accepting.get()) {
            refused.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
          }
          keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
          jobIds.add(WorkerProtocol.MAPPER.readTree(body).path("job_id").asLong());
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    Map<String, String> callbacks =
        Map.of(
            "CALLBACK_ENDPOINT",
            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/rpa-callbacks",
            "CALLBACK_AUTH_TOKEN",
            "cb-token-123",
            "CALLBACK_TIMEOUT",
            "2",
            "CALLBACK_RETRY_MAX_SECONDS",
            "1");
    try (var cluster = new Cluster(directory, database.jdbcUrl())) {
      int orchestratorPort = Cluster.freePort();
      int workerPort = Cluster.freePort();
      var worker = cluster.worker("worker", workerPort, orchestratorPort, Map.of());
      var first = cluster.orchestrator(orchestratorPort, List.of(workerPort), callbacks);
      cluster.awaitUp(worker, "http://127.0.0.1:" + workerPort + "/status");
      cluster.awaitUp(first, "http://127.0.0.1:" + orchestratorPort + "/health");

      List<Long> submitted = submit(database);
      cluster.await(
          "every job COMPLETED and in the outbox",
          () ->
              cluster.count("SELECT COUNT(*) FROM jobs WHERE status = 'COMPLETED'") == JOBS
                  && cluster.count("SELECT COUNT(*) FROM callback_outbox") == JOBS);
      cluster.await("the receiver refusing a few tries", () -> refused.get() >= 3);
      assertThat(cluster.count("SELECT COUNT(*) FROM callback_outbox WHERE delivered_at IS NULL"))
          .isEqualTo(JOBS);

      Cluster.kill9(first);
      var second = cluster.orchestrator(orchestratorPort, List.of(workerPort), callbacks);
      cluster.awaitUp(second, "http://127.0.0.1:" + orchestratorPort + "/health");
      accepting.set(true);
      cluster.await(
          "every callback delivered",
          () ->
              cluster.count("SELECT COUNT(*) FROM callback_outbox WHERE delivered_at IS NULL")
                  == 0);

      Set<String> distinct = Set.copyOf(keys);
      System.out.printf(
          "callbacks: %d refused, %d received, %d distinct keys, %d jobs%n",
          refused.get(), keys.size(), distinct.size(), jobIds.size());
      assertThat(distinct).hasSize(JOBS);
      assertThat(jobIds).containsExactlyInAnyOrderElementsOf(submitted);
      assertThat(badTokens).hasValue(0);
    } finally {
      receiver.stop(0);
    }
  }

  private static List<Long> submit(PgDatabase database) {
    try (var client =
        Orchestrator.builder()
            .database(database.jdbcUrl())
            .jobType("demo", "echo")
            .poolSize(2)
            .build()) {
      List<JobRequest> requests = new ArrayList<>();
      IntStream.range(0, JOBS)
          .forEach(i -> requests.add(JobRequest.of("demo", "echo").param("n", i)));
      return client.jobs().submitAll(requests).stream().map(s -> s.id().value()).toList();
    }
  }
}
