package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpa.core.supervise.LoopStatus;
import org.rpa.core.supervise.RestartPolicy;
import org.rpa.core.supervise.Supervisor;
import org.rpa.server.TestServer;

/**
 * The supervisor routes over a loop's life: an injected crash driven through backoff, failure and
 * reset on the server's {@code MutableClock}, a manual restart that shows {@code restarting}, and
 * the restart history surviving a restart of the server on the same H2 file.
 */
class SupervisorLifecycleTest {
  private static final String BASE = SupervisorApi.BASE;
  private static TestServer server;
  private static String operator;
  private static String viewer;
  private static SupervisorApi api;

  @BeforeAll
  static void start() {
    server = new TestServer();
    operator = server.token("operator", TestServer.PASSWORD);
    viewer = server.token("viewer", TestServer.PASSWORD);
    api = new SupervisorApi(server, viewer);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void an_injected_crash_is_crashed_then_restarting_after_the_backoff_then_failed_then_reset() {
    Supervisor supervisor = server.server.orchestrator().supervisor();
    SupervisorApi.Probe probe = new SupervisorApi.Probe("probe_loop");
    List<LoopStatus.Status> seen = new CopyOnWriteArrayList<>();
    supervisor.addListener(
        status -> {
          if (status.name().equals(probe.name())) {
            seen.add(status.status());
          }
        });
    supervisor.register(probe);
    SupervisorApi.await(() -> api.status("probe_loop").path("status").asText().equals("running"));

    String crashedAt = server.body(server.get(BASE, viewer)).path("timestamp").asText();
    api.crash(supervisor, probe, "Connection reset by peer", "crashed");
    JsonNode crashed = api.status("probe_loop");
    assertThat(crashed.path("restart_count").asInt()).isEqualTo(1);
    assertThat(crashed.path("last_crashed_at").asText()).isEqualTo(crashedAt);
    assertThat(crashed.path("error").asText()).isEqualTo("Connection reset by peer");
    // Until the clock passes the first backoff (1 s), nothing restarts it.
    server.clock.advance(RestartPolicy.ofDefaults().backoff(1).minusMillis(1));
    assertThat(supervisor.runOnce()).isZero();
    assertThat(api.status("probe_loop").path("status").asText()).isEqualTo("crashed");

    server.clock.advance(Duration.ofMillis(1));
    SupervisorApi.await(() -> api.status("probe_loop").path("status").asText().equals("running"));
    // Listeners hear of a change after the supervisor's lock is released: GET may show it first.
    SupervisorApi.await(
        () -> !seen.isEmpty() && seen.get(seen.size() - 1) == LoopStatus.Status.RUNNING);
    assertThat(seen)
        .containsSubsequence(
            LoopStatus.Status.CRASHED, LoopStatus.Status.RESTARTING, LoopStatus.Status.RUNNING);
    JsonNode history = api.ok(server.get(BASE + "/restart-history?worker_name=probe_loop", viewer));
    assertThat(history.path("items").get(0).path("status").asText()).isEqualTo("success");
    assertThat(history.path("items").get(0).path("attempt").asInt()).isEqualTo(1);
    assertThat(history.path("items").get(1).path("status").asText()).isEqualTo("crashed");
    assertThat(history.path("items").get(1).path("error").asText())
        .isEqualTo("Connection reset by peer");

    for (int restart = 2; restart <= RestartPolicy.DEFAULT_MAX_RESTARTS; restart++) {
      api.crash(supervisor, probe, "boom " + restart, "crashed");
      assertThat(api.status("probe_loop").path("restart_count").asInt()).isEqualTo(restart);
      server.clock.advance(RestartPolicy.ofDefaults().backoff(restart));
      SupervisorApi.await(() -> api.status("probe_loop").path("status").asText().equals("running"));
    }
    api.crash(supervisor, probe, "boom 6", "failed");
    server.clock.advance(RestartPolicy.DEFAULT_MAX_BACKOFF);
    assertThat(supervisor.runOnce()).isZero();
    JsonNode failed = api.status("probe_loop");
    assertThat(failed.path("status").asText()).isEqualTo("failed");
    assertThat(failed.path("restart_count").asInt()).isEqualTo(5);
    JsonNode top =
        api.ok(server.get(BASE + "/restart-history?worker_name=probe_loop&limit=2", viewer));
    assertThat(top.path("items").get(0).path("status").asText()).isEqualTo("failed");
    assertThat(top.path("items").get(1).path("status").asText()).isEqualTo("crashed");
    assertThat(top.path("pagination").path("total").asInt()).isEqualTo(12);

    api.ok(api.post(BASE + "/reset/probe_loop", operator));
    JsonNode reset = api.status("probe_loop");
    assertThat(reset.path("status").asText()).isEqualTo("running");
    assertThat(reset.path("restart_count").asInt()).isZero();
    assertThat(
            api.ok(server.get(BASE + "/restart-history?worker_name=probe_loop&limit=1", viewer))
                .path("items")
                .get(0)
                .path("status")
                .asText())
        .isEqualTo("manual");
  }

  @Test
  void the_history_survives_a_restart_of_the_server_on_the_same_h2_file() throws Exception {
    Path directory = Files.createTempDirectory("rpa-supervisor-");
    Map<String, String> env =
        Map.of("DATABASE_URL", "jdbc:h2:file:" + directory.resolve("rpa").toAbsolutePath());
    String executor;
    try (var first = new TestServer(env)) {
      String token = first.adminToken();
      executor = first.server.orchestrator().executorId();
      var request =
          first
              .request(BASE + "/workers/scheduler/restart")
              .POST(HttpRequest.BodyPublishers.noBody())
              .header("Authorization", "Bearer " + token);
      assertThat(first.send(request).statusCode()).isEqualTo(200);
    }
    try (var second = new TestServer(env)) {
      JsonNode history =
          second.body(
              second.get(BASE + "/restart-history?worker_name=scheduler", second.adminToken()));
      assertThat(history.path("pagination").path("total").asInt()).isEqualTo(1);
      JsonNode event = history.path("items").get(0);
      assertThat(event.path("status").asText()).isEqualTo("manual");
      assertThat(event.path("executor_id").asText())
          .isEqualTo(executor)
          .isNotEqualTo(second.server.orchestrator().executorId());
    }
  }

  @Test
  void a_loop_being_restarted_shows_restarting_until_its_old_thread_ends() throws Exception {
    Supervisor supervisor = server.server.orchestrator().supervisor();
    SupervisorApi.Probe probe = new SupervisorApi.Probe("slow_loop");
    supervisor.register(probe);
    SupervisorApi.await(() -> api.status("slow_loop").path("status").asText().equals("running"));
    var release = new java.util.concurrent.CountDownLatch(1);
    probe.block.set(release);
    supervisor.wake(probe.name());
    SupervisorApi.await(() -> probe.blocked.get());

    var restart =
        server.client.sendAsync(
            server
                .request(BASE + "/workers/slow_loop/restart")
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + operator)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    SupervisorApi.await(() -> api.status("slow_loop").path("status").asText().equals("restarting"));
    assertThat(restart).isNotDone();

    release.countDown();
    assertThat(restart.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(api.status("slow_loop").path("status").asText()).isEqualTo("running");
  }
}
