package org.rpa.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.rpa.core.Orchestrator;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.security.PasswordHasher;
import org.rpa.server.security.Role;
import org.rpa.server.security.Users;

/**
 * A real server on a free loopback port with a private H2 database and a {@link MutableClock}, and
 * a JDK HttpClient to talk to it. Users: the admin, {@code operator} and {@code viewer}.
 */
public final class TestServer implements AutoCloseable {
  public static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";
  public static final String ADMIN_PASSWORD = "correct horse battery staple";
  public static final String PASSWORD = "user-password-1";

  public final MutableClock clock;
  public final RpaServer server;
  public final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  public final ObjectMapper json = new ObjectMapper();
  public final Path evidence = temporaryDirectory();

  public TestServer() {
    this(Map.of());
  }

  public TestServer(Map<String, String> overrides) {
    this(overrides, MutableClock.at("2026-01-01T00:00:00Z"));
  }

  /** A server on {@code clock}, with {@code overrides} of its environment. */
  public TestServer(Map<String, String> overrides, MutableClock clock) {
    this(overrides, clock, null, builder -> {});
  }

  /**
   * A server on {@code clock}, with {@code overrides} of its environment, the secret files of
   * {@code secrets} (null for none: the portal keys are then read from this process's environment)
   * and {@code extra} applied to its orchestrator's builder (to add in-process handlers of job
   * types that need no browser).
   */
  public TestServer(
      Map<String, String> overrides,
      MutableClock clock,
      Path secrets,
      Consumer<Orchestrator.Builder> extra) {
    this.clock = clock;
    Map<String, String> env = new HashMap<>();
    env.put("HOST", "127.0.0.1");
    env.put("PORT", "0");
    env.put("DATABASE_URL", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    env.put("JWT_SECRET", SECRET);
    env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("RATE_LIMIT_PER_MINUTE", "0");
    // Jobs stay queued unless a test asks for workers: unit tests never start a browser.
    env.put("MAX_WORKERS", "0");
    env.put("EVIDENCE_DIR", evidence.toString());
    env.putAll(overrides);
    // A low bcrypt cost keeps the tests fast; PasswordHasherTest covers cost 12.
    Users users =
        new Users(new PasswordHasher(4))
            .add("operator", PASSWORD, Role.OPERATOR)
            .add("viewer", PASSWORD, Role.VIEWER);
    server =
        RpaServer.start(
            ServerConfig.from(env, secrets), WorkerConfig.from(env, secrets), clock, users, extra);
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("rpa-evidence-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String base() {
    return (server.config().tls() ? "https" : "http") + "://127.0.0.1:" + server.port();
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10));
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path, String token) {
    var request = request(path).GET();
    return send(token == null ? request : request.header("Authorization", "Bearer " + token));
  }

  public HttpResponse<String> sendJson(String method, String path, String body, String token) {
    var request =
        request(path)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    return send(token == null ? request : request.header("Authorization", "Bearer " + token));
  }

  public HttpResponse<String> login(String username, String password) {
    String form =
        "username="
            + URLEncoder.encode(username, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return send(
        request("/token")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .header("Content-Type", "application/x-www-form-urlencoded"));
  }

  public String token(String username, String password) {
    HttpResponse<String> response = login(username, password);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("login failed: " + response.body());
    }
    return body(response).path("access_token").asText();
  }

  public String adminToken() {
    return token("admin", ADMIN_PASSWORD);
  }

  public JsonNode body(HttpResponse<String> response) {
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  /** How many jobs the store holds, counted through the core. */
  public long jobCount() {
    return server.orchestrator().jobs().countByStatus().values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  @Override
  public void close() {
    server.close();
    deleteTree(evidence);
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
