package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.rpa.core.supervise.SupervisedLoop;
import org.rpa.core.supervise.Supervisor;
import org.rpa.server.TestServer;

/** The supervisor routes of one running test server, as the supervisor tests call them. */
final class SupervisorApi {
  static final String BASE = "/api/system/supervisor";

  private final TestServer server;
  private final String viewer;

  SupervisorApi(TestServer server, String viewer) {
    this.server = server;
    this.viewer = viewer;
  }

  /** A loop of the running server that throws, or blocks, on its next pass when told to. */
  static final class Probe implements SupervisedLoop {
    private final String name;
    final AtomicReference<String> crashNext = new AtomicReference<>();
    final AtomicReference<CountDownLatch> block = new AtomicReference<>();
    final AtomicBoolean blocked = new AtomicBoolean();

    Probe(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void runOnce() throws InterruptedException {
      var latch = block.getAndSet(null);
      if (latch != null) {
        blocked.set(true);
        latch.await();
      }
      String message = crashNext.getAndSet(null);
      if (message != null) {
        throw new IllegalStateException(message);
      }
    }
  }

  /** Makes {@code probe} throw {@code message} and waits for its status to be {@code expected}. */
  void crash(Supervisor supervisor, Probe probe, String message, String expected) {
    probe.crashNext.set(message);
    supervisor.wake(probe.name());
    await(() -> status(probe.name()).path("status").asText().equals(expected));
  }

  /** The loop {@code name} as GET shows it. */
  JsonNode status(String name) {
    return worker(ok(server.get(BASE, viewer)), name);
  }

  HttpResponse<String> post(String path, String token) {
    return server.send(
        server
            .request(path)
            .POST(HttpRequest.BodyPublishers.noBody())
            .header("Authorization", "Bearer " + token));
  }

  JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return server.body(response);
  }

  void assertError(HttpResponse<String> response, int status, String type) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode error = server.body(response);
    assertThat(error.path("detail").asText()).isNotBlank();
    assertThat(error.path("error_type").asText()).isEqualTo(type);
    assertThat(error.path("timestamp").asText()).isNotBlank();
  }

  static JsonNode worker(JsonNode body, String name) {
    for (JsonNode worker : body.path("workers")) {
      if (worker.path("name").asText().equals(name)) {
        return worker;
      }
    }
    throw new AssertionError("no worker " + name + " in " + body);
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Waits for what another thread does (the supervisor's own); never sleeps for time logic. */
  static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("condition not met within 10 s");
      }
      LockSupport.parkNanos(5_000_000);
    }
  }
}
