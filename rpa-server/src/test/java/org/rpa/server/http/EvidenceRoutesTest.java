package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.JobId;
import org.rpa.server.TestServer;

/** {@code /jobs/{id}/screenshots}, one screenshot's download, and {@code /browser-services}. */
class EvidenceRoutesTest {
  private static TestServer server;
  private static String admin;
  private static String viewer;
  private static long job;

  @BeforeAll
  static void start() throws IOException {
    server = new TestServer();
    admin = server.adminToken();
    viewer = server.token("viewer", TestServer.PASSWORD);
    job =
        server
            .body(
                server.sendJson(
                    "POST", "/jobs", "{\"provider\":\"osn\",\"action\":\"validation\"}", admin))
            .path("id")
            .asLong();
    var evidence = server.server.automation().evidence();
    evidence.save(JobId.of(job), "Open login page", png(40, 30));
    evidence.save(JobId.of(job), "Service status", png(64, 48));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_list_names_each_screenshot_with_its_download_url() {
    HttpResponse<String> response = server.get("/jobs/" + job + "/screenshots", viewer);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = server.body(response);
    assertThat(body.path("job_id").asLong()).isEqualTo(job);
    assertThat(body.path("count").asInt()).isEqualTo(2);
    JsonNode first = body.path("screenshots").get(0);
    assertThat(first.path("name").asText()).isEqualTo("0001-open-login-page.png");
    assertThat(first.path("content_type").asText()).isEqualTo("image/png");
    assertThat(first.path("size").asLong()).isPositive();
    assertThat(first.path("taken_at").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
    assertThat(first.path("url").asText())
        .isEqualTo("/jobs/" + job + "/screenshots/0001-open-login-page.png");
  }

  @Test
  void a_screenshot_downloads_as_a_png_that_decodes() throws Exception {
    var response =
        server.client.send(
            server
                .request("/jobs/" + job + "/screenshots/0002-service-status.png")
                .header("Authorization", "Bearer " + viewer)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("image/png");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
    assertThat(image.getWidth()).isEqualTo(64);
    assertThat(image.getHeight()).isEqualTo(48);
  }

  @Test
  void unknown_screenshots_and_jobs_are_404_and_a_token_is_required() {
    HttpResponse<String> unknown =
        server.get("/jobs/" + job + "/screenshots/0003-service-status.png", admin);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(server.body(unknown).path("error_type").asText()).isEqualTo("NotFoundError");
    assertThat(server.get("/jobs/999999/screenshots/0001-open-login-page.png", admin).statusCode())
        .isEqualTo(404);
    assertThat(server.get("/jobs/" + job + "/screenshots/subject.sha256", admin).statusCode())
        .isEqualTo(400);
    assertThat(
            server.get("/jobs/" + job + "/screenshots/0001-open-login-page.png", null).statusCode())
        .isEqualTo(401);
  }

  @Test
  void browser_services_is_empty_until_a_job_needs_a_browser() {
    HttpResponse<String> response = server.get("/browser-services", viewer);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = server.body(response);
    assertThat(body.path("services").isArray()).isTrue();
    assertThat(body.path("count").asInt()).isZero();
    assertThat(body.path("backend").asText()).isEqualTo("local");
    assertThat(body.path("max_sessions").asInt()).isEqualTo(2);
    assertThat(body.path("idle_timeout_minutes").asInt()).isEqualTo(10);
    assertThat(server.get("/browser-services", null).statusCode()).isEqualTo(401);
  }

  @Test
  void the_browser_reaper_runs_under_the_supervisor() {
    assertThat(server.server.orchestrator().supervisor().loop("browser_reaper")).isPresent();
  }

  @Test
  void cleanup_old_evidence_deletes_screenshots_past_the_retention_days() throws IOException {
    try (var other = new TestServer(java.util.Map.of("SCREENSHOT_RETENTION_DAYS", "30"))) {
      String token = other.adminToken();
      long id =
          other
              .body(
                  other.sendJson(
                      "POST", "/jobs", "{\"provider\":\"mfn\",\"action\":\"validation\"}", token))
              .path("id")
              .asLong();
      other.server.automation().evidence().save(JobId.of(id), "old page", png(4, 4));
      other.clock.advance(java.time.Duration.ofDays(29));
      other.server.automation().evidence().save(JobId.of(id), "newer page", png(4, 4));
      other.clock.advance(java.time.Duration.ofDays(2));

      other.server.orchestrator().schedules().runNow("cleanup_old_evidence");

      JsonNode left = other.body(other.get("/jobs/" + id + "/screenshots", other.adminToken()));
      assertThat(left.path("count").asInt()).isEqualTo(1);
      assertThat(left.path("screenshots").get(0).path("name").asText())
          .isEqualTo("0002-newer-page.png");
    }
  }

  @Test
  void prometheus_text_exposes_browser_sessions_and_the_self_healing_rate() {
    String text = server.get("/metrics/prometheus", null).body();
    assertThat(text)
        .contains("rpa_browser_sessions 0.0")
        .contains("rpa_steps_healing{healing=\"healed\"} 0")
        .contains("rpa_steps_healing{healing=\"no_alternative\"} 0")
        .as("no step needed healing: no rate, rather than a perfect one")
        .contains("rpa_self_healing_success_ratio NaN");
  }

  @Test
  void the_server_starts_and_is_ready_without_chromium_installed() {
    try (var bare =
        new TestServer(
            java.util.Map.of(
                "MAX_WORKERS", "2",
                "CHROMIUM_PATH", "/nonexistent/chromium",
                "CHROMEDRIVER_PATH", "/nonexistent/chromedriver"))) {
      assertThat(bare.get("/health/ready", null).statusCode()).isEqualTo(200);
      assertThat(bare.body(bare.get("/browser-services", bare.adminToken())).path("count").asInt())
          .isZero();
    }
  }

  static byte[] png(int width, int height) throws IOException {
    var out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }
}
