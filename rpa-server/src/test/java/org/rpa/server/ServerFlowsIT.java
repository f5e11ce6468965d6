package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.sandbox.SandboxPortals;
import org.rpa.server.security.PasswordHasher;
import org.rpa.server.security.Users;

/**
 * The real server with its browser automations against the sandbox portals, driven over HTTP only:
 * all eight flows end {@code COMPLETED} with recorded steps and PNG screenshots that download and
 * decode; a POPIA deletion then erases a completed job's subject from the database and the evidence
 * directory. At most two Chromium sessions run at a time ({@code BROWSER_MAX_SESSIONS}).
 */
class ServerFlowsIT {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  @TempDir static Path temp;
  static SandboxPortals portals;
  static RpaServer server;
  static String token;
  static final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    portals = SandboxPortals.start();
    Path secrets = Files.createDirectories(temp.resolve("secrets"));
    for (var variable : portals.variables().entrySet()) {
      Files.writeString(secrets.resolve(variable.getKey()), variable.getValue());
    }
    Files.writeString(secrets.resolve("JWT_SECRET"), TestServer.SECRET);
    Files.writeString(secrets.resolve("ADMIN_PASSWORD"), TestServer.ADMIN_PASSWORD + "\n");
    Map<String, String> env = new HashMap<>();
    env.put("HOST", "127.0.0.1");
    env.put("PORT", "0");
    env.put("DATABASE_URL", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    env.put("RATE_LIMIT_PER_MINUTE", "0");
    env.put("MAX_WORKERS", "2");
    env.put("BROWSER_MAX_SESSIONS", "2");
    env.put("EVIDENCE_DIR", temp.resolve("evidence").toString());
    server =
        RpaServer.start(
            ServerConfig.from(env, secrets),
            WorkerConfig.from(env, secrets),
            Clock.systemUTC(),
            new Users(new PasswordHasher()));
    String form =
        "username=admin&password="
            + URLEncoder.encode(TestServer.ADMIN_PASSWORD, StandardCharsets.UTF_8);
    HttpResponse<String> login =
        client.send(
            request("/token")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    token = json.readTree(login.body()).path("access_token").asText();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (portals != null) {
      portals.close();
    }
  }

  @Test
  void all_eight_flows_complete_over_http_with_steps_and_downloadable_png_screenshots()
      throws Exception {
    Map<Long, String[]> submitted = new LinkedHashMap<>();
    int n = 1;
    for (String provider : SandboxPortals.PROVIDERS) {
      for (String action : List.of("validation", "cancellation")) {
        String circuit = portals.portal(provider).circuit(n++);
        submitted.put(submit(provider, action, circuit), new String[] {provider, action, circuit});
      }
    }
    for (var entry : submitted.entrySet()) {
      long id = entry.getKey();
      String provider = entry.getValue()[0];
      String action = entry.getValue()[1];
      JsonNode job = awaitFinal(id);
      assertThat(job.path("status").asText())
          .as(provider + " " + action + ": " + job)
          .isEqualTo("COMPLETED");
      JsonNode result = job.path("result");
      assertThat(result.path("status").asText()).isEqualTo("success");
      assertThat(result.path("details").path("provider").asText()).isEqualTo(provider);
      assertThat(result.path("details").path("action").asText()).isEqualTo(action);
      assertThat(result.path("details").path("circuit_number").asText())
          .isEqualTo(entry.getValue()[2]);
      assertThat(result.path("details").has("processing_time")).isTrue();
      JsonNode executions = job.path("executions");
      JsonNode steps = executions.get(executions.size() - 1).path("steps");
      assertThat(steps.size()).as("steps of " + provider + " " + action).isPositive();
      steps.forEach(step -> assertThat(step.path("outcome").asText()).isNotEqualTo("FAILED"));

      JsonNode shots = json.readTree(get("/jobs/" + id + "/screenshots").body());
      assertThat(shots.path("count").asInt()).isPositive();
      assertPng(
          shots.path("screenshots").get(shots.path("count").asInt() - 1).path("url").asText());
    }
    JsonNode services = json.readTree(get("/browser-services").body());
    assertThat(services.path("count").asInt()).isBetween(1, 2);
    assertThat(server.automation().pool().browsersStarted()).isLessThanOrEqualTo(2);
  }

  @Test
  void a_popia_deletion_erases_a_completed_jobs_subject_from_the_database_and_the_evidence()
      throws Exception {
    String circuit = portals.portal("osn").circuit(12);
    long id = submit("osn", "validation", circuit);
    assertThat(awaitFinal(id).path("status").asText()).isEqualTo("COMPLETED");
    Path folder = temp.resolve("evidence").resolve(String.valueOf(id));
    assertThat(folder).isDirectory();
    assertThat(mentions(circuit)).isPositive();

    HttpResponse<String> response =
        send(
            request("/privacy/data-request")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"request_type\":\"deletion\",\"email\":\"owner@example.com\","
                            + "\"subject\":\""
                            + circuit
                            + "\"}"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("erased_jobs").toString()).isEqualTo("[" + id + "]");
    assertThat(body.path("screenshots_deleted").asInt()).isPositive();
    assertThat(mentions(circuit)).isZero();
    assertThat(folder).doesNotExist();
    assertThat(json.readTree(get("/jobs/" + id + "/screenshots").body()).path("count").asInt())
        .isZero();
  }

  private static long submit(String provider, String action, String circuit) throws Exception {
    HttpResponse<String> response =
        send(
            request("/jobs")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"provider\":\""
                            + provider
                            + "\",\"action\":\""
                            + action
                            + "\",\"parameters\":{\"circuit_number\":\""
                            + circuit
                            + "\"}}"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body()).path("id").asLong();
  }

  /** Polls {@code GET /jobs/{id}} until the job is final, within {@link #DEADLINE}. */
  private static JsonNode awaitFinal(long id) throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (true) {
      JsonNode job = json.readTree(get("/jobs/" + id).body());
      if (FINAL.contains(job.path("status").asText()) || Instant.now().isAfter(deadline)) {
        return job;
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
  }

  private static void assertPng(String url) throws Exception {
    HttpResponse<byte[]> response =
        client.send(
            request(url).header("Authorization", "Bearer " + token).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("image/png");
    byte[] png = response.body();
    assertThat(Arrays.copyOf(png, 8)).isEqualTo(PNG_SIGNATURE);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image).as(url).isNotNull();
    assertThat(image.getWidth()).as(url).isBetween(800, 4000);
    assertThat(image.getHeight()).as(url).isBetween(500, 4000);
  }

  /** Rows of the job tables with a text column that mentions {@code text}. */
  private static int mentions(String text) throws Exception {
    int found = 0;
    try (Connection connection = DriverManager.getConnection(server.config().databaseUrl())) {
      for (String table : List.of("jobs", "job_executions", "job_steps", "job_log")) {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM " + table);
            ResultSet rows = query.executeQuery()) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int i = 1; i <= columns; i++) {
              String value = rows.getString(i);
              if (value != null && value.toLowerCase().contains(text.toLowerCase())) {
                found++;
                break;
              }
            }
          }
        }
      }
    }
    return found;
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return send(request(path).header("Authorization", "Bearer " + token).GET());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(30));
  }
}
