package org.rpa.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The portals over real HTTP on a fixed clock, without a browser. */
class SandboxPortalsTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T08:00:10Z"), ZoneOffset.UTC);
  static SandboxPortals portals;
  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() {
    portals = SandboxPortals.start(CLOCK);
  }

  @AfterAll
  static void stop() {
    portals.close();
  }

  @Test
  void every_provider_serves_its_login_page_on_loopback() throws Exception {
    for (String provider : SandboxPortals.PROVIDERS) {
      assertThat(portals.url(provider)).startsWith("http://127.0.0.1:" + portals.port() + "/");
      HttpResponse<String> page = get(portals.url(provider) + "/login");

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<form");
    }
  }

  @Test
  void octotel_takes_the_demo_code_once_per_time_step() throws Exception {
    SandboxPortal octotel = portals.portal("octotel");
    Map<String, String> form =
        Map.of(
            octotel.skin.userName(),
            octotel.username(),
            "password",
            octotel.password(),
            "otp",
            portals.demoCode(CLOCK));

    HttpResponse<String> first = post(portals.url("octotel") + "/login", form);
    HttpResponse<String> again = post(portals.url("octotel") + "/login", form);

    assertThat(first.statusCode()).isEqualTo(302);
    assertThat(first.headers().firstValue("Location")).hasValue("/octotel/search");
    assertThat(again.statusCode()).isEqualTo(401);
    assertThat(again.body()).contains("Invalid or already used verification code");
  }

  @Test
  void the_variables_name_each_portal_and_its_demo_account() {
    Map<String, String> variables = portals.variables();

    assertThat(variables)
        .containsEntry("METROFIBER_URL", portals.url("mfn"))
        .containsEntry("OCTOTEL_USERNAME", portals.portal("octotel").username())
        .containsKey("OCTOTEL_TOTP_SECRET");
    assertThat(variables).hasSize(13);
  }

  @Test
  void each_providers_variables_name_only_its_own_portal() {
    assertThat(portals.variables("osn"))
        .containsOnlyKeys("OPENSERVE_URL", "OPENSERVE_EMAIL", "OPENSERVE_PASSWORD")
        .containsEntry("OPENSERVE_URL", portals.url("osn"));
    assertThat(portals.variables("octotel"))
        .containsOnlyKeys(
            "OCTOTEL_URL", "OCTOTEL_USERNAME", "OCTOTEL_PASSWORD", "OCTOTEL_TOTP_SECRET")
        .containsEntry("OCTOTEL_TOTP_SECRET", portals.portal("octotel").totpSecret().orElseThrow());
    assertThatThrownBy(() -> portals.variables("acme")).isInstanceOf(NoSuchElementException.class);
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
