package org.rpa.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.Orchestrator;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobStatus;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.json.JsonParser;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Runs the example as its main method does, on a file database of its own and a free port. */
class OrdersApplicationTest {
  private static final JsonParser JSON = JsonParserFactory.getJsonParser();
  private final HttpClient http = HttpClient.newHttpClient();
  private ConfigurableApplicationContext app;
  private String base;

  @BeforeEach
  void start(@TempDir Path dir) {
    app =
        SpringApplication.run(
            OrdersApplication.class,
            "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("orders").toAbsolutePath(),
            "--server.address=127.0.0.1",
            "--server.port=0");
    base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void a_confirmation_posted_over_http_runs_as_a_job_to_completed() throws Exception {
    HttpResponse<String> posted = post("/orders/1/confirmation");
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
    String jobId = (String) JSON.parseMap(posted.body()).get("jobId");

    var done =
        app.getBean(Orchestrator.class).jobs().await(JobId.parse(jobId), Duration.ofSeconds(30));
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);

    Map<String, Object> shown = JSON.parseMap(get("/jobs/" + jobId).body());
    assertThat(shown).containsEntry("status", "COMPLETED").containsEntry("type", "orders.confirm");
    assertThat(shown.get("result")).isEqualTo(Map.of("orderId", 1, "status", "CONFIRMED"));
    assertThat(
            app.getBean(JdbcTemplate.class)
                .queryForObject("select status from orders where id = 1", String.class))
        .isEqualTo("CONFIRMED");

    // Confirming again is the same job: the idempotency key.
    assertThat(JSON.parseMap(post("/orders/1/confirmation").body())).containsEntry("jobId", jobId);
  }

  @Test
  void an_order_that_does_not_exist_fails_once_with_its_reason() throws Exception {
    String jobId = (String) JSON.parseMap(post("/orders/99/confirmation").body()).get("jobId");

    var done =
        app.getBean(Orchestrator.class).jobs().await(JobId.parse(jobId), Duration.ofSeconds(30));

    assertThat(done.status()).isEqualTo(JobStatus.FAILED);
    assertThat(done.attempts()).isEqualTo(1);
    assertThat(JSON.parseMap(get("/jobs/" + jobId).body()))
        .containsEntry("error", "There is no order 99");
    assertThat(get("/jobs/123456").statusCode()).isEqualTo(404);
  }

  @Test
  void readiness_includes_the_orchestrator() throws Exception {
    HttpResponse<String> readiness = get("/actuator/health/readiness");

    assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
    Map<String, Object> body = JSON.parseMap(readiness.body());
    assertThat(body).containsEntry("status", "UP");
    @SuppressWarnings("unchecked")
    var components = (Map<String, Map<String, Object>>) body.get("components");
    assertThat(components).containsKeys("readinessState", "rpa");
    assertThat(components.get("rpa")).containsEntry("status", "UP");
  }

  private HttpResponse<String> post(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .POST(HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
