package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthRoutesTest {
  private final HttpClient client = HttpClient.newHttpClient();
  private Javalin app;

  @AfterEach
  void stop_the_app() {
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void answers_healthy_with_a_utc_timestamp_in_milliseconds() throws Exception {
    startAt("2025-08-01T10:30:00Z");

    HttpResponse<String> response = get("/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(response.body())
        .isEqualTo("{\"status\":\"healthy\",\"timestamp\":\"2025-08-01T10:30:00.000Z\"}");
  }

  @Test
  void reads_the_time_from_the_injected_clock() throws Exception {
    startAt("2025-08-01T10:30:01.234567Z");

    assertThat(get("/health").body()).contains("\"timestamp\":\"2025-08-01T10:30:01.234Z\"");
  }

  private void startAt(String instant) {
    Clock clock = Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    app = HttpApp.create(clock).start("127.0.0.1", 0);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(5))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
