package org.rpa.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.imageio.ImageIO;
import org.rpa.server.Cluster;

/**
 * What {@link GridNodeKillIT} asks one orchestrator over HTTP (browser flow jobs, their
 * screenshots, the {@code browser-grid} breaker) and its database over JDBC (failed attempts). Not
 * thread-safe.
 */
final class FlowApi {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private final Cluster cluster;
  private final String base;
  private final String token;
  private final String databaseUrl;

  FlowApi(Cluster cluster, String base, String token, String databaseUrl) {
    this.cluster = cluster;
    this.base = base;
    this.token = token;
    this.databaseUrl = databaseUrl;
  }

  /** {@code POST /jobs} of a validation flow with {@code key} as its Idempotency-Key; its id. */
  long submit(String provider, String circuit, String key) throws Exception {
    String body =
        "{\"provider\":\""
            + provider
            + "\",\"action\":\"validation\",\"parameters\":{\"circuit_number\":\""
            + circuit
            + "\"}}";
    HttpResponse<String> response =
        cluster.client.send(
            request("/jobs")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST /jobs: %s", response.body()).isEqualTo(201);
    return cluster.json.readTree(response.body()).path("id").asLong();
  }

  /**
   * The state of {@code browser-grid} as {@code GET /api/system/circuit-breakers} lists it, or why
   * it is not known ({@code unanswered}, {@code HTTP 503}, {@code absent}).
   */
  String gridBreaker() {
    return breaker("browser-grid");
  }

  /** The state of breaker {@code name} ({@code closed}, {@code open}, …), or why not known. */
  String breaker(String name) {
    try {
      HttpResponse<String> response =
          cluster.client.send(
              request("/api/system/circuit-breakers").GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return "HTTP " + response.statusCode();
      }
      for (JsonNode breaker : cluster.json.readTree(response.body()).path("circuit_breakers")) {
        if (breaker.path("name").asText().equals(name)) {
          return breaker.path("state").asText();
        }
      }
      return "absent";
    } catch (IOException e) {
      return "unanswered";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** {@code browser-grid}'s calls: failed and successful in its sliding window. */
  JsonNode gridBreakerCalls() throws Exception {
    HttpResponse<String> response =
        cluster.client.send(
            request("/api/system/circuit-breakers").GET().build(),
            HttpResponse.BodyHandlers.ofString());
    for (JsonNode breaker : cluster.json.readTree(response.body()).path("circuit_breakers")) {
      if (breaker.path("name").asText().equals("browser-grid")) {
        return breaker.path("calls");
      }
    }
    throw new AssertionError("no browser-grid breaker: " + response.body());
  }

  /** Jobs holding a browser session of the pool now ({@code GET /browser-services}, busy). */
  java.util.Set<Long> busyJobs() throws Exception {
    HttpResponse<String> response =
        cluster.client.send(
            request("/browser-services").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as("GET /browser-services: %s", response.body())
        .isEqualTo(200);
    var jobs = new java.util.TreeSet<Long>();
    for (JsonNode service : cluster.json.readTree(response.body()).path("services")) {
      if (service.path("status").asText().equals("busy")) {
        jobs.add(service.path("job_id").asLong());
      }
    }
    return jobs;
  }

  /** How many browser sessions the pool holds, busy or idle ({@code GET /browser-services}). */
  int sessions() throws Exception {
    HttpResponse<String> response =
        cluster.client.send(
            request("/browser-services").GET().build(), HttpResponse.BodyHandlers.ofString());
    return cluster.json.readTree(response.body()).path("count").asInt();
  }

  /** {@code attempts} of a job, from {@code GET /jobs/{id}}. */
  int attempts(long id) throws Exception {
    return job(id).path("attempts").asInt();
  }

  JsonNode job(long id) throws Exception {
    HttpResponse<String> response =
        cluster.client.send(
            request("/jobs/" + id).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET /jobs/%s: %s", id, response.body()).isEqualTo(200);
    return cluster.json.readTree(response.body());
  }

  /** Every execution that did not succeed: job id, attempt, error type, error message. */
  List<List<String>> failedAttempts(Collection<Long> ids) throws SQLException {
    String sql =
        "SELECT job_id, attempt, error_type, error_message FROM job_executions"
            + " WHERE status <> 'SUCCESS' AND job_id = ANY(?) ORDER BY job_id, attempt";
    try (Connection connection = DriverManager.getConnection(databaseUrl);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        return Cluster.strings(rows);
      }
    }
  }

  /**
   * Downloads each screenshot of job {@code id} and checks it is a PNG that decodes to a page-sized
   * image; writes the last one to {@code keep}, to look at.
   */
  void assertScreenshotsArePngs(long id, Path keep) throws Exception {
    HttpResponse<String> list =
        cluster.client.send(
            request("/jobs/" + id + "/screenshots").GET().build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode shots = cluster.json.readTree(list.body()).path("screenshots");
    assertThat(shots.size()).as("screenshots of job %s", id).isPositive();
    byte[] png = null;
    for (JsonNode shot : shots) {
      String url = shot.path("url").asText();
      HttpResponse<byte[]> response =
          cluster.client.send(
              request(url.startsWith("http") ? URI.create(url).getPath() : url).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).as(url).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).as(url).contains("image/png");
      png = response.body();
      assertThat(Arrays.copyOf(png, 8)).as(url).isEqualTo(PNG_SIGNATURE);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(image).as(url).isNotNull();
      assertThat(image.getWidth()).as(url).isBetween(800, 4000);
      assertThat(image.getHeight()).as(url).isBetween(500, 4000);
    }
    Files.write(keep, png);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token);
  }
}
