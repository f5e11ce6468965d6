package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/** {@code curl /metrics -H 'Accept: text/plain' | promtool check metrics}: promtool from ./test. */
class PromtoolIT {
  @Test
  void prometheus_text_passes_promtool_check_metrics() throws Exception {
    try (var server = new TestServer()) {
      String token = server.adminToken();
      server.sendJson("POST", "/jobs", "{\"provider\":\"mfn\",\"action\":\"validation\"}", token);
      HttpResponse<String> metrics =
          server.send(server.request("/metrics").header("Accept", "text/plain"));
      assertThat(metrics.statusCode()).isEqualTo(200);

      Process promtool =
          new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
      try (OutputStream in = promtool.getOutputStream()) {
        in.write(metrics.body().getBytes(StandardCharsets.UTF_8));
      }
      String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(promtool.exitValue()).as(output + "\n" + metrics.body()).isZero();
    }
  }
}
