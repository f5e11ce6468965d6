package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.testing.H2;
import org.rpa.core.testing.ManualOrchestrator;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.TestServer;

/** {@code curl /metrics -H 'Accept: text/plain' | promtool check metrics}: promtool from ./test. */
class PromtoolIT {
  /** Pipes {@code text} into {@code promtool check metrics}: no error, no lint warning. */
  private static void assertPromtoolAccepts(String text) throws Exception {
    Process promtool =
        new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    try (OutputStream in = promtool.getOutputStream()) {
      in.write(text.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(promtool.exitValue()).as(output + "\n" + text).isZero();
  }

  @Test
  void prometheus_text_passes_promtool_check_metrics() throws Exception {
    try (var server = new TestServer()) {
      String token = server.adminToken();
      server.sendJson("POST", "/jobs", "{\"provider\":\"mfn\",\"action\":\"validation\"}", token);
      var late = server.server.orchestrator().breakers().breaker("promtool-test");
      late.onError(1, TimeUnit.MILLISECONDS, new IllegalStateException("down"));
      HttpResponse<String> metrics =
          server.send(server.request("/metrics").header("Accept", "text/plain"));
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("rpa_jobs_submitted_total 1.0")
          .contains("jvm_memory_used_bytes")
          .contains("hikaricp_connections")
          .contains("jetty_server_requests_seconds")
          .contains("resilience4j_circuitbreaker_state{name=\"promtool-test\"");

      assertPromtoolAccepts(metrics.body());
      assertPromtoolAccepts(server.get("/metrics/prometheus", null).body());
    }
  }

  @Test
  void the_cores_meters_after_real_executions_pass_promtool_check_metrics() throws Exception {
    var clock = MutableClock.at("2026-04-01T08:00:00Z");
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (var rpa =
        ManualOrchestrator.builder()
            .database(H2.memory())
            .clock(clock)
            .meterRegistry(registry)
            .handler("demo", "ok", ctx -> JobResult.success())
            .handler("demo", "refused", ctx -> JobResult.businessFailure("Refused", "no"))
            .gauge("rpa_demo_ratio", "A module's ratio.", () -> 0.5)
            .build()) {
      rpa.jobs().submit(JobRequest.of("demo", "ok"));
      rpa.jobs().submit(JobRequest.of("demo", "refused").maxAttempts(1));
      clock.advance(Duration.ofSeconds(2));
      rpa.tick();
      String text = registry.scrape();
      assertThat(text)
          .contains("rpa_job_execution_seconds_bucket{job_type=\"demo.ok\"")
          .contains(
              "rpa_executions_total{job_type=\"demo.refused\",outcome=\"business_failure\"} 1.0")
          .contains("rpa_demo_ratio 0.5");

      assertPromtoolAccepts(text);
    } finally {
      registry.close();
    }
  }
}
