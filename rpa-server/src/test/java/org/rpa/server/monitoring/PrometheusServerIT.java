package org.rpa.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.resilience.Breakers;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.TestServer;
import org.rpa.server.WorkerConfig;
import org.rpa.server.worker.DemoHandlers;
import org.rpa.server.worker.SeleniumCheck;
import org.rpa.server.worker.WorkerService;

/**
 * Debian's Prometheus server ({@code /usr/bin/prometheus}, which {@code ./test} installs) with the
 * shipped {@code prometheus.yml} and {@code rules.yml}, templated with this test's loopback ports
 * and a 1 s scrape interval, scraping a running orchestrator and a worker service it sends jobs to
 * (and a second worker address nobody listens on). The test waits for the targets to come up,
 * submits jobs and sees Prometheus count them, sees both monitoring routes report what Prometheus
 * says, and every series the rules and the dashboard read scraped; then it stops Prometheus by its
 * PID and sees 503 and the {@code prometheus} breaker open. Waits are polls within a deadline.
 */
class PrometheusServerIT {
  private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  private static final String TOKEN = "prometheus-it-worker-token";
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final int JOBS = 5;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<AutoCloseable> opened = new ArrayList<>();
  private Process prometheus;
  private int port;
  private Path log;

  @AfterEach
  void stop() throws Exception {
    if (prometheus != null && prometheus.isAlive()) {
      prometheus.destroy();
      if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    }
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  @Test
  void prometheus_scrapes_the_orchestrator_and_its_worker_and_both_routes_report_it(
      @TempDir Path directory) throws Exception {
    assertThat(PROMETHEUS).as("Debian's prometheus package (./test installs it)").isExecutable();
    int prometheusPort = freePort();
    int orchestratorPort = freePort();
    int deadPort = freePort();
    var worker =
        WorkerService.start(
            WorkerConfig.from(
                Map.of(
                    "WORKER_HOST", "127.0.0.1",
                    "WORKER_PORT", "0",
                    "WORKER_AUTH_TOKEN", TOKEN,
                    "ORCHESTRATOR_URL", "http://127.0.0.1:" + orchestratorPort,
                    "MAX_WORKERS", "2"),
                null),
            MutableClock.at("2026-01-01T00:00:00Z"),
            DemoHandlers.all(),
            SeleniumCheck.disabled());
    opened.add(worker);
    Map<String, String> env = new HashMap<>();
    env.put("PORT", String.valueOf(orchestratorPort));
    env.put("PROMETHEUS_URL", "http://127.0.0.1:" + prometheusPort);
    env.put("PROMETHEUS_TIMEOUT", "2");
    env.put("WORKER_URLS", "http://127.0.0.1:" + worker.port());
    env.put("WORKER_AUTH_TOKEN", TOKEN);
    env.put("WORKER_DEMO_HANDLERS", "true");
    env.put("HEARTBEAT_INTERVAL_SECONDS", "1");
    env.put("LEASE_LENGTH_SECONDS", "2");
    TestServer server = new TestServer(env);
    opened.add(server);
    String token = server.adminToken();

    Path config = configure(directory, prometheusPort, orchestratorPort, worker.port(), deadPort);
    PrometheusFiles.Run check =
        PrometheusFiles.promtool(directory, "check", "config", config.toString());
    assertThat(check.exit()).as(check.output()).isZero();
    start(directory, config, prometheusPort);
    String orchestrator = "127.0.0.1:" + orchestratorPort;
    String liveWorker = "127.0.0.1:" + worker.port();
    String deadWorker = "127.0.0.1:" + deadPort;

    JsonNode targets =
        await(
            "the orchestrator and the live worker up, the other worker down",
            () -> server.body(server.get("/api/system/monitoring/targets", token)),
            body ->
                health(body, orchestrator).equals("up")
                    && health(body, liveWorker).equals("up")
                    && health(body, deadWorker).equals("down"));
    assertThat(targets.path("jobs").toString())
        .isEqualTo("[\"prometheus\",\"rpa-orchestrator\",\"rpa-worker\"]");
    assertThat(targets.path("total").asInt()).isEqualTo(4);

    for (int i = 0; i < JOBS; i++) {
      HttpResponse<String> submitted =
          server.sendJson(
              "POST",
              "/jobs",
              "{\"provider\":\"demo\",\"action\":\"echo\",\"parameters\":{\"n\":" + i + "}}",
              token);
      assertThat(submitted.statusCode()).as(submitted.body()).isIn(200, 201, 202);
    }
    await(
        "Prometheus to count the submitted jobs and the worker's successes",
        () ->
            query("sum(rpa_jobs_submitted_total{job=\"rpa-orchestrator\"})")
                + " "
                + query("sum(rpa_worker_jobs_succeeded_total{job=\"rpa-worker\"})"),
        answer -> answer.equals(JOBS + " " + JOBS));

    assertTargetsAsPrometheusSays(server, token);
    assertHealthAsPrometheusSays(server, token, orchestrator, liveWorker, deadWorker);
    assertScrapedSeriesCoverTheRulesAndTheDashboard();

    prometheus.destroy();
    assertThat(prometheus.waitFor(30, TimeUnit.SECONDS)).as("Prometheus stopped").isTrue();
    int calls = 0;
    while (!breakerState(server, token).equals("open")) {
      assertThat(calls++)
          .as("health calls before the breaker opens")
          .isLessThan(Breakers.DEFAULT_SLIDING_WINDOW_SIZE);
      HttpResponse<String> health = server.get("/api/system/monitoring/health", token);
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(server.body(health).path("prometheus_reachable").asBoolean()).isFalse();
      assertThat(server.body(health).path("issues").path(0).asText())
          .isEqualTo(
              "Prometheus at http://127.0.0.1:"
                  + prometheusPort
                  + " is unreachable: connection refused");
    }
    HttpResponse<String> refused = server.get("/api/system/monitoring/targets", token);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(server.body(refused).path("detail").asText())
        .isEqualTo(
            "Circuit breaker 'prometheus' is open: Prometheus at http://127.0.0.1:"
                + prometheusPort
                + " is not called");
    HttpResponse<String> health = server.get("/api/system/monitoring/health", token);
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(server.body(health).path("healthy").asBoolean()).isFalse();
  }

  /** The targets route lists what Prometheus's own API lists, target by target. */
  private void assertTargetsAsPrometheusSays(TestServer server, String token) throws Exception {
    JsonNode ours = server.body(server.get("/api/system/monitoring/targets", token));
    JsonNode theirs = prometheusApi("/api/v1/targets?state=active").path("activeTargets");
    Map<String, String> expected = new TreeMap<>();
    for (JsonNode target : theirs) {
      expected.put(
          target.path("labels").path("job").asText()
              + " "
              + target.path("labels").path("instance").asText(),
          target.path("health").asText());
    }
    Map<String, String> actual = new TreeMap<>();
    for (JsonNode target : ours.path("targets")) {
      actual.put(
          target.path("job").asText() + " " + target.path("instance").asText(),
          target.path("health").asText());
      assertThat(target.path("labels").path("job").asText()).isEqualTo(target.path("job").asText());
      assertThat(target.path("last_scrape").asText()).endsWith("Z");
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(ours.path("up").asInt()).isEqualTo(3);
    assertThat(ours.path("down").asInt()).isEqualTo(1);
  }

  private void assertHealthAsPrometheusSays(
      TestServer server, String token, String orchestrator, String liveWorker, String deadWorker)
      throws Exception {
    JsonNode health =
        await(
            "an answer taken while Prometheus's series count stood still",
            () -> {
              long before = seriesCount();
              JsonNode body = server.body(server.get("/api/system/monitoring/health", token));
              return seriesCount() == before
                      && body.path("metrics_collection").path("total_series").asLong() == before
                  ? body
                  : null;
            },
            body -> body != null);
    assertThat(health.path("healthy").asBoolean()).isTrue();
    assertThat(health.path("prometheus_reachable").asBoolean()).isTrue();
    assertThat(health.path("targets_summary").toString())
        .isEqualTo(
            "[{\"job\":\"prometheus\",\"total\":1,\"up\":1,\"down\":0,\"unknown\":0},"
                + "{\"job\":\"rpa-orchestrator\",\"total\":1,\"up\":1,\"down\":0,\"unknown\":0},"
                + "{\"job\":\"rpa-worker\",\"total\":2,\"up\":1,\"down\":1,\"unknown\":0}]");
    JsonNode collection = health.path("metrics_collection");
    assertThat(collection.path("collecting").asBoolean()).isTrue();
    assertThat(collection.path("scrape_interval_seconds").asDouble()).isEqualTo(1.0);
    assertThat(collection.path("total_series").asLong()).isPositive();
    Map<String, String> exporters = new TreeMap<>();
    for (JsonNode exporter : health.path("exporters")) {
      exporters.put(
          exporter.path("name").asText() + " " + exporter.path("endpoint").asText(),
          exporter.path("status").asText());
    }
    assertThat(exporters)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "redis-exporter redis-exporter:9121",
                "unknown",
                "json-exporter json-exporter:7979",
                "unknown",
                "blackbox-exporter blackbox-exporter:9115",
                "unknown",
                "rpa-orchestrator " + orchestrator,
                "up",
                "rpa-worker " + liveWorker,
                "up",
                "rpa-worker " + deadWorker,
                "down"));
    assertThat(health.path("issues")).hasSize(1);
    assertThat(health.path("issues").path(0).asText())
        .startsWith("Target " + deadWorker + " of job rpa-worker is down: ")
        .contains("connection refused");
  }

  /** Every series the shipped rules and dashboard read is one Prometheus scraped from us. */
  private void assertScrapedSeriesCoverTheRulesAndTheDashboard() throws Exception {
    TreeSet<String> scraped = new TreeSet<>();
    prometheusApi("/api/v1/label/__name__/values").forEach(name -> scraped.add(name.asText()));
    List<String> expressions = new ArrayList<>(PrometheusFiles.ruleExpressions());
    new ObjectMapper()
        .readTree(PrometheusFiles.read(PrometheusFiles.DASHBOARD))
        .findValues("expr")
        .forEach(expr -> expressions.add(expr.asText()));

    TreeSet<String> read = PrometheusFiles.metricNames(expressions);

    assertThat(read).contains("rpa_database_up", "rpa_worker_jobs_active", "up");
    assertThat(scraped).containsAll(read);
  }

  private Path configure(Path directory, int prometheus, int orchestrator, int worker, int dead)
      throws IOException {
    Path token = directory.resolve("rpa-worker-token");
    Files.writeString(token, TOKEN + "\n");
    Files.writeString(
        directory.resolve(PrometheusFiles.RULES), PrometheusFiles.read(PrometheusFiles.RULES));
    String text =
        PrometheusFiles.template(
            PrometheusFiles.read(PrometheusFiles.CONFIG),
            Map.of(
                "scrape_interval: 15s", "scrape_interval: 1s",
                "evaluation_interval: 15s", "evaluation_interval: 1s",
                "localhost:9090", "127.0.0.1:" + prometheus,
                "rpa-orchestrator:8620", "127.0.0.1:" + orchestrator,
                "rpa-worker-1:8621", "127.0.0.1:" + worker,
                "rpa-worker-2:8621", "127.0.0.1:" + dead,
                "/etc/prometheus/rpa-worker-token", token.toString()));
    Path config = directory.resolve(PrometheusFiles.CONFIG);
    Files.writeString(config, text);
    return config;
  }

  private void start(Path directory, Path config, int port) throws IOException {
    this.port = port;
    log = directory.resolve("prometheus.log");
    prometheus =
        new ProcessBuilder(
                PROMETHEUS.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    // Ready before the orchestrator calls it: refused calls would open its breaker.
    await(
        "Prometheus ready",
        () -> {
          assertThat(prometheus.isAlive()).as("Prometheus died\n" + tail()).isTrue();
          try {
            return get("http://127.0.0.1:" + port + "/-/ready").statusCode();
          } catch (IOException notYet) {
            return 0;
          }
        },
        status -> status == 200);
  }

  private JsonNode prometheusApi(String path) throws Exception {
    HttpResponse<String> response = get("http://127.0.0.1:" + port + path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body()).path("data");
  }

  /** The one value of an instant query, as Prometheus writes it ({@code none} when empty). */
  private String query(String promql) {
    try {
      JsonNode result =
          prometheusApi("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
              .path("result");
      return result.isEmpty() ? "none" : result.path(0).path("value").path(1).asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private long seriesCount() {
    return Long.parseLong(query(PrometheusClient.SERIES_QUERY));
  }

  private HttpResponse<String> get(String url) throws IOException {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static String health(JsonNode targets, String instance) {
    for (JsonNode target : targets.path("targets")) {
      if (target.path("instance").asText().equals(instance)) {
        return target.path("health").asText();
      }
    }
    return "absent";
  }

  private static String breakerState(TestServer server, String token) {
    for (JsonNode breaker :
        server.body(server.get("/api/system/circuit-breakers", token)).path("circuit_breakers")) {
      if (breaker.path("name").asText().equals("prometheus")) {
        return breaker.path("state").asText();
      }
    }
    return "absent";
  }

  private <T> T await(String what, Supplier<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = read.get();
      if (done.test(last)) {
        return last;
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
    throw new AssertionError("timed out waiting for " + what + "; last: " + last + "\n" + tail());
  }

  private String tail() {
    try {
      List<String> lines = log == null ? List.of() : Files.readAllLines(log);
      return "--- prometheus.log (last 30 lines) ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(prometheus.log unreadable)";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
