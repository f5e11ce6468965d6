package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.automation.flows.ProviderFlows;
import org.rpa.server.security.PasswordHasher;
import org.rpa.server.security.Users;

/**
 * Which providers get demo portals, in-process and without a browser (the server queues jobs only):
 * in development mode each provider whose URL is not configured, with the demo account in front of
 * any configured one; none when every URL is configured, and none outside development mode. {@code
 * GET /status} says which; closing the server stops the portals.
 */
class DemoPortalsTest {
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  @TempDir Path temp;

  @Test
  void development_mode_without_portals_serves_a_demo_portal_for_each_provider() throws Exception {
    String mfn;
    try (RpaServer server = start(Map.of("DEVELOPMENT_MODE", "true"), Map.of())) {
      JsonNode status = status(server);
      assertThat(status.path("demo_portals").asBoolean()).isTrue();
      assertThat(sources(status))
          .containsExactly(
              Map.entry("mfn", "demo"),
              Map.entry("osn", "demo"),
              Map.entry("octotel", "demo"),
              Map.entry("evotel", "demo"));
      for (JsonNode portal : status.path("portals")) {
        String url = portal.path("url").asText();
        assertThat(url)
            .startsWith("http://127.0.0.1:")
            .endsWith("/" + portal.path("provider").asText());
        HttpResponse<String> login = get(url + "/login");
        assertThat(login.statusCode()).as(url).isEqualTo(200);
        assertThat(login.body()).contains("<form");
      }
      mfn = server.portals().demoUrl("mfn").orElseThrow();
      var secrets = server.automation().secrets();
      assertThat(secrets.find("METROFIBER_URL")).hasValue(mfn);
      assertThat(secrets.find("OCTOTEL_USERNAME")).hasValue("isp-ops");
      assertThat(secrets.find("OCTOTEL_TOTP_SECRET")).isPresent();
    }
    assertThatThrownBy(() -> get(mfn + "/login"))
        .as("the demo portals stop with the server")
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void a_configured_provider_keeps_its_portal_and_the_others_get_demo_accounts() throws Exception {
    Map<String, String> secrets = new HashMap<>();
    secrets.put("OPENSERVE_URL", "https://wholesale.openserve.example");
    secrets.put("OPENSERVE_EMAIL", "real@isp.example");
    // An account without a URL is not a portal: the demo account replaces it.
    secrets.put("METROFIBER_EMAIL", "real@isp.example");
    try (RpaServer server = start(Map.of("DEVELOPMENT_MODE", "true"), secrets)) {
      JsonNode status = status(server);
      assertThat(status.path("demo_portals").asBoolean()).isTrue();
      assertThat(sources(status))
          .containsExactly(
              Map.entry("mfn", "demo"),
              Map.entry("osn", "configured"),
              Map.entry("octotel", "demo"),
              Map.entry("evotel", "demo"));
      assertThat(status.path("portals").get(1).path("url").isNull())
          .as("a configured URL is not shown")
          .isTrue();
      var flows = server.automation().secrets();
      assertThat(flows.find("OPENSERVE_URL")).hasValue("https://wholesale.openserve.example");
      assertThat(flows.find("OPENSERVE_EMAIL")).hasValue("real@isp.example");
      assertThat(flows.find("METROFIBER_URL")).hasValue(server.portals().demoUrl("mfn").get());
      assertThat(flows.find("METROFIBER_EMAIL")).hasValue("ops@isp.example");
      assertThat(server.portals().demoUrls()).containsOnlyKeys("mfn", "octotel", "evotel");
    }
  }

  @Test
  void every_url_configured_starts_no_demo_portal() throws Exception {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (String provider : RpaServer.PROVIDERS) {
      secrets.put(ProviderFlows.urlVariable(provider), "https://" + provider + ".example");
    }
    try (RpaServer server = start(Map.of("DEVELOPMENT_MODE", "true"), secrets)) {
      JsonNode status = status(server);
      assertThat(status.path("demo_portals").asBoolean()).isFalse();
      assertThat(sources(status).values()).containsOnly("configured");
      assertThat(server.automation().secrets().find("METROFIBER_URL"))
          .hasValue("https://mfn.example");
    }
  }

  @Test
  void outside_development_mode_no_demo_portal_starts_and_the_providers_are_missing()
      throws Exception {
    Map<String, String> production =
        Map.of("JWT_SECRET", TestServer.SECRET, "ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
    try (RpaServer server = start(production, Map.of())) {
      JsonNode status = status(server);
      assertThat(status.path("demo_portals").asBoolean()).isFalse();
      assertThat(sources(status).values()).containsOnly("missing");
      assertThat(server.portals().demo()).isFalse();
      assertThat(server.automation().secrets().find("METROFIBER_URL")).isEmpty();
    }
  }

  private RpaServer start(Map<String, String> overrides, Map<String, String> secrets)
      throws IOException {
    Path directory = Files.createTempDirectory(temp, "secrets");
    for (var secret : secrets.entrySet()) {
      Files.writeString(directory.resolve(secret.getKey()), secret.getValue());
    }
    Map<String, String> env = new HashMap<>();
    env.put("HOST", "127.0.0.1");
    env.put("PORT", "0");
    env.put("DATABASE_URL", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    env.put("MAX_WORKERS", "0");
    env.put("EVIDENCE_DIR", temp.resolve("evidence").toString());
    env.putAll(overrides);
    return RpaServer.start(
        ServerConfig.from(env, directory),
        WorkerConfig.from(env, directory),
        Clock.systemUTC(),
        new Users(new PasswordHasher(4)));
  }

  private JsonNode status(RpaServer server) throws Exception {
    HttpResponse<String> response = get("http://127.0.0.1:" + server.port() + "/status");
    assertThat(response.statusCode()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private static Map<String, String> sources(JsonNode status) {
    Map<String, String> sources = new LinkedHashMap<>();
    status
        .path("portals")
        .forEach(p -> sources.put(p.path("provider").asText(), p.path("source").asText()));
    return sources;
  }

  private HttpResponse<String> get(String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
