package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.JobStatus;
import org.rpa.server.RpaServer;
import org.rpa.server.TestServer;

/**
 * {@code /metrics/prometheus} and {@code /metrics} with a text {@code Accept}, over HTTP from a
 * real server: the names today's scrapers use, the orchestrator's Micrometer meters, and the JVM,
 * process, HikariCP, Jetty and resilience4j families.
 */
class PrometheusScrapeTest {
  private static TestServer server;
  private static String token;

  @BeforeAll
  static void start() {
    server = new TestServer();
    token = server.adminToken();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> scrape(String path, String accept) {
    var request = server.request(path).GET();
    HttpResponse<String> response =
        server.send(accept == null ? request : request.header("Accept", accept));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response;
  }

  private static String contentType(HttpResponse<String> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  /** The value of the sample that starts with {@code series} (name and labels), if any. */
  private static Optional<Double> sample(String text, String series) {
    return text.lines()
        .filter(line -> line.startsWith(series + " "))
        .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
        .findFirst();
  }

  private static void submit(int jobs) {
    for (int i = 0; i < jobs; i++) {
      var response =
          server.sendJson(
              "POST", "/jobs", "{\"provider\":\"mfn\",\"action\":\"validation\"}", token);
      assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }
  }

  @Test
  void the_names_todays_scrapers_use_are_kept() {
    long before =
        (long)
            (double)
                sample(scrape("/metrics/prometheus", null).body(), "rpa_jobs_submitted_total")
                    .orElseThrow();
    submit(3);
    server.clock.advance(ServerMeters.READ_TTL);

    HttpResponse<String> response = scrape("/metrics/prometheus", null);
    String text = response.body();

    assertThat(contentType(response)).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(sample(text, "rpa_jobs_submitted_total")).contains(before + 3.0);
    assertThat(text)
        .contains("# TYPE rpa_jobs gauge")
        .contains("# TYPE rpa_jobs_submitted_total counter")
        .contains("# TYPE rpa_build_info gauge");
    for (String status :
        List.of("scheduled", "queued", "claimed", "running", "completed", "failed", "cancelled")) {
      assertThat(sample(text, "rpa_jobs{status=\"" + status + "\"}")).as(status).isPresent();
    }
    long queued = server.server.orchestrator().jobs().countByStatus().get(JobStatus.QUEUED);
    assertThat(sample(text, "rpa_jobs{status=\"queued\"}")).contains((double) queued);
    assertThat(sample(text, "rpa_queue_depth")).contains((double) queued);
    for (String counter : List.of("started", "succeeded", "failed", "retried", "recovered")) {
      assertThat(sample(text, "rpa_jobs_" + counter + "_total")).as(counter).contains(0.0);
    }
    assertThat(sample(text, "rpa_executors_online")).isPresent();
    assertThat(sample(text, "rpa_scheduler_running")).contains(1.0);
    assertThat(sample(text, "rpa_steps_healing{healing=\"healed\"}")).contains(0.0);
    assertThat(sample(text, "rpa_steps_healing{healing=\"not_healed\"}")).contains(0.0);
    assertThat(sample(text, "rpa_steps_healing{healing=\"no_alternative\"}")).contains(0.0);
    assertThat(sample(text, "rpa_self_healing_success_ratio").orElseThrow()).isNaN();
    assertThat(sample(text, "rpa_browser_sessions")).contains(0.0);
    assertThat(sample(text, "rpa_uptime_seconds")).isPresent();
    assertThat(sample(text, "rpa_build_info{version=\"" + RpaServer.version() + "\"}"))
        .contains(1.0);
  }

  @Test
  void the_orchestrators_meters_count_every_job_type_and_outcome_and_time_claims() {
    String text = scrape("/metrics/prometheus", null).body();

    List<String> outcomes =
        List.of(
            "success", "business_failure", "technical_failure", "timeout", "cancelled", "expired");
    for (String provider : RpaServer.PROVIDERS) {
      for (String action : RpaServer.ACTIONS) {
        for (String outcome : outcomes) {
          String series =
              "rpa_executions_total{job_type=\""
                  + provider
                  + "."
                  + action
                  + "\",outcome=\""
                  + outcome
                  + "\"}";
          assertThat(sample(text, series)).as(series).contains(0.0);
        }
      }
    }
    assertThat(text)
        .contains("# TYPE rpa_executions_total counter")
        .contains("# TYPE rpa_dispatch_claim_seconds histogram")
        .contains("rpa_dispatch_claim_seconds_bucket{kind=\"local\",le=\"+Inf\"}")
        .contains("rpa_dispatch_claim_seconds_bucket{kind=\"remote\",le=\"+Inf\"}")
        // With no worker here nothing started: a job type's timers appear with its first start.
        .doesNotContain("rpa_job_queue_wait_seconds_bucket")
        .doesNotContain("rpa_job_execution_seconds_bucket");
  }

  @Test
  void jvm_process_pool_jetty_and_breaker_families_appear() {
    // Requests before the scrape, so that Jetty's request timer has some.
    scrape("/health", null);
    CircuitBreaker late = server.server.orchestrator().breakers().breaker("scrape-test");
    late.onError(0, java.util.concurrent.TimeUnit.NANOSECONDS, new IllegalStateException("down"));

    String text = scrape("/metrics/prometheus", null).body();

    assertThat(text)
        .contains("jvm_memory_used_bytes{area=\"heap\"")
        .contains("jvm_gc_")
        .contains("jvm_threads_live_threads ")
        .contains("jvm_classes_loaded_classes ")
        .contains("process_uptime_seconds ")
        .contains("process_cpu_usage ")
        .contains("process_files_open_files ")
        .contains("system_cpu_cores ")
        .doesNotContain("process_cpu_time_ns_total")
        .contains("hikaricp_connections_active{pool=\"rpa-db\"}")
        .contains("hikaricp_connections_acquire_seconds_count{pool=\"rpa-db\"}")
        .contains("jetty_threads_busy ")
        .contains("jetty_threads_config_max ")
        .contains("jetty_connections_current")
        .contains(
            "jetty_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\"}")
        .contains("resilience4j_circuitbreaker_state{name=\"portal-mfn\",state=\"closed\"} 1.0")
        .contains("resilience4j_circuitbreaker_state{name=\"scrape-test\",state=\"closed\"} 1.0");
    assertThat(sample(text, "hikaricp_connections_max{pool=\"rpa-db\"}")).contains(10.0);
    assertThat(
            sample(
                text,
                "resilience4j_circuitbreaker_calls_seconds_count{kind=\"failed\",name=\"scrape-test\"}"))
        .as("a breaker created after start is bound as it appears")
        .contains(1.0);
  }

  @Test
  void metrics_answers_text_for_a_text_accept_openmetrics_for_openmetrics_and_json_otherwise() {
    HttpResponse<String> text = scrape("/metrics", "text/plain");
    assertThat(contentType(text)).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(text.body()).contains("# TYPE rpa_jobs_submitted_total counter");

    // What Prometheus itself sends: OpenMetrics first, the text format as a fallback.
    String prometheusAccept =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
            + "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    for (String path : List.of("/metrics", "/metrics/prometheus")) {
      HttpResponse<String> open = scrape(path, prometheusAccept);
      assertThat(contentType(open))
          .as(path)
          .isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
      assertThat(open.body())
          .contains("# TYPE rpa_jobs_submitted counter")
          .contains("\nrpa_jobs_submitted_total ")
          .contains("# TYPE rpa_build info")
          .endsWith("# EOF\n");
    }

    HttpResponse<String> json = scrape("/metrics", "application/json");
    assertThat(contentType(json)).startsWith("application/json");
    assertThat(server.body(json).path("current").has("queued_jobs")).isTrue();
    assertThat(contentType(scrape("/metrics", null))).startsWith("application/json");
  }

  @Test
  void a_scrape_reads_the_store_at_most_once_per_ttl_of_the_servers_clock() {
    server.clock.advance(ServerMeters.READ_TTL);
    String first = scrape("/metrics/prometheus", null).body();
    double queued = sample(first, "rpa_jobs{status=\"queued\"}").orElseThrow();
    double submitted = sample(first, "rpa_jobs_submitted_total").orElseThrow();

    submit(2);
    String cached = scrape("/metrics/prometheus", null).body();
    server.clock.advance(ServerMeters.READ_TTL);
    String fresh = scrape("/metrics/prometheus", null).body();

    assertThat(sample(cached, "rpa_jobs{status=\"queued\"}")).contains(queued);
    assertThat(sample(cached, "rpa_jobs_submitted_total"))
        .as("counters are live")
        .contains(submitted + 2);
    assertThat(sample(fresh, "rpa_jobs{status=\"queued\"}")).contains(queued + 2);
  }

  @Test
  void the_uptime_follows_the_servers_clock() {
    double before =
        sample(scrape("/metrics/prometheus", null).body(), "rpa_uptime_seconds").orElseThrow();
    server.clock.advance(Duration.ofMinutes(10));

    assertThat(sample(scrape("/metrics/prometheus", null).body(), "rpa_uptime_seconds"))
        .contains(before + 600);
  }
}
