package org.rpa.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.TestServer;
import org.rpa.server.WorkerConfig;
import org.rpa.server.worker.DemoHandlers;
import org.rpa.server.worker.SeleniumCheck;
import org.rpa.server.worker.WorkerService;

/**
 * Real downstream services on loopback for a {@link TestServer}: worker services running the demo
 * job types (on a clock of their own), and tiny HTTP endpoints (a portal, a callback receiver) that
 * a test stops and starts again on the same port. The orchestrator's port is chosen first, so that
 * the workers know where to report.
 */
final class Downstream implements AutoCloseable {
  static final String TOKEN = "downstream-token-0123456789";
  static final Duration DEADLINE = Duration.ofSeconds(30);

  final int orchestratorPort = freePort();
  private final MutableClock workerClock = MutableClock.at("2026-01-01T00:00:00Z");
  private final List<AutoCloseable> opened = new ArrayList<>();

  /**
   * The environment of an orchestrator that sends jobs to {@code workerPorts}: heartbeats (and
   * worker probes) every second, leases of a minute, worker breakers open for 5 s.
   */
  Map<String, String> orchestrator(List<Integer> workerPorts) {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", String.valueOf(orchestratorPort));
    env.put("WORKER_AUTH_TOKEN", TOKEN);
    env.put("WORKER_DEMO_HANDLERS", "true");
    env.put("HEARTBEAT_INTERVAL_SECONDS", "1");
    env.put("LEASE_LENGTH_SECONDS", "60");
    env.put("WORKER_BREAKER_OPEN_SECONDS", "5");
    if (!workerPorts.isEmpty()) {
      env.put(
          "WORKER_URLS",
          String.join(",", workerPorts.stream().map(p -> "http://127.0.0.1:" + p).toList()));
    }
    return env;
  }

  /** A worker service on {@code port} running {@code capacity} jobs at once. */
  WorkerService worker(int port, int capacity) {
    Map<String, String> env = new HashMap<>();
    env.put("WORKER_HOST", "127.0.0.1");
    env.put("WORKER_PORT", String.valueOf(port));
    env.put("WORKER_AUTH_TOKEN", TOKEN);
    env.put("ORCHESTRATOR_URL", "http://127.0.0.1:" + orchestratorPort);
    env.put("MAX_WORKERS", String.valueOf(capacity));
    WorkerService service =
        WorkerService.start(
            WorkerConfig.from(env, null),
            workerClock,
            DemoHandlers.all(),
            SeleniumCheck.disabled());
    opened.add(service);
    return service;
  }

  /** An endpoint on {@code port} (0: a free one) that answers every request with {@code status}. */
  Endpoint endpoint(int port, int status) {
    Endpoint endpoint = new Endpoint(port, status);
    opened.add(endpoint::stop);
    return endpoint;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  /** Waits until {@code read} gives a body that {@code condition} accepts, and returns it. */
  static JsonNode awaitBody(
      String what, Supplier<JsonNode> read, java.util.function.Predicate<JsonNode> condition) {
    JsonNode[] last = new JsonNode[1];
    try {
      await(
          what,
          () -> {
            last[0] = read.get();
            return condition.test(last[0]);
          });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last: " + last[0], e);
    }
    return last[0];
  }

  @Override
  public void close() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  /** A loopback HTTP endpoint that counts requests; stop and start it again on its port. */
  static final class Endpoint {
    private final AtomicInteger status;
    final AtomicInteger requests = new AtomicInteger();
    private int port;
    private HttpServer server;

    private Endpoint(int port, int status) {
      this.status = new AtomicInteger(status);
      this.port = port;
      start();
    }

    int port() {
      return port;
    }

    String url(String path) {
      return "http://127.0.0.1:" + port + path;
    }

    void start() {
      try {
        server =
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext(
          "/",
          exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
          });
      server.start();
      port = server.getAddress().getPort();
    }

    void stop() {
      if (server != null) {
        server.stop(0);
        server = null;
      }
    }
  }
}
