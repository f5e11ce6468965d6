package org.rpa.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.WorkerConfig;

/** A worker service's {@code /metrics/prometheus} passes {@code promtool check metrics}. */
class WorkerPromtoolIT {
  private static final String TOKEN = "promtool-it-worker-token";

  @Test
  void the_worker_metrics_pass_promtool_check_metrics() throws Exception {
    try (var worker =
        WorkerService.start(
            WorkerConfig.from(
                Map.of(
                    "WORKER_HOST", "127.0.0.1",
                    "WORKER_PORT", "0",
                    "WORKER_AUTH_TOKEN", TOKEN,
                    "MAX_WORKERS", "1"),
                null),
            MutableClock.at("2026-01-01T00:00:00Z"),
            DemoHandlers.all(),
            SeleniumCheck.disabled())) {
      HttpResponse<String> metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + worker.port() + "/metrics/prometheus"))
                      .header("Authorization", "Bearer " + TOKEN)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);

      Process promtool =
          new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
      try (OutputStream in = promtool.getOutputStream()) {
        in.write(metrics.body().getBytes(StandardCharsets.UTF_8));
      }
      String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(promtool.exitValue()).as(output + "\n" + metrics.body()).isZero();
      assertThat(output).isEmpty();
    }
  }
}
