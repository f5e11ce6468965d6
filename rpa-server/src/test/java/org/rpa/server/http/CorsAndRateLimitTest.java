package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

class CorsAndRateLimitTest {
  private static final String ALLOWED = "https://app.example.com";

  private static HttpResponse<String> preflight(TestServer server, String origin) {
    return server.send(
        server
            .request("/jobs")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "Authorization, Content-Type"));
  }

  @Test
  void a_preflight_from_a_listed_origin_is_allowed_with_that_origin_only() {
    try (var server =
        new TestServer(Map.of("CORS_ORIGINS", ALLOWED, "CORS_ALLOW_CREDENTIALS", "true"))) {
      HttpResponse<String> response = preflight(server, ALLOWED);

      assertThat(response.statusCode()).isEqualTo(204);
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
      assertThat(response.headers().firstValue("Access-Control-Allow-Credentials"))
          .hasValue("true");
      assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
          .contains("POST");
    }
  }

  @Test
  void a_preflight_from_another_origin_is_refused_and_never_reflected() {
    try (var server =
        new TestServer(Map.of("CORS_ORIGINS", ALLOWED, "CORS_ALLOW_CREDENTIALS", "true"))) {
      HttpResponse<String> response = preflight(server, "https://evil.example.net");

      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

      HttpResponse<String> simple =
          server.send(server.request("/health").header("Origin", "https://evil.example.net"));
      assertThat(simple.statusCode()).isEqualTo(200);
      assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
  }

  @Test
  void a_wildcard_without_credentials_answers_star_not_the_origin() {
    try (var server = new TestServer(Map.of("CORS_ORIGINS", "*"))) {
      HttpResponse<String> response =
          server.send(server.request("/health").header("Origin", "https://any.example.org"));

      assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
      assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }
  }

  @Test
  void without_cors_origins_no_cors_header_is_sent() {
    try (var server = new TestServer()) {
      HttpResponse<String> response = preflight(server, ALLOWED);

      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
  }

  @Test
  void the_per_client_rate_limit_answers_429_with_retry_after_until_the_window_ends() {
    try (var server = new TestServer(Map.of("RATE_LIMIT_PER_MINUTE", "3"))) {
      for (int i = 0; i < 3; i++) {
        assertThat(server.get("/health", null).statusCode()).isEqualTo(200);
      }
      server.clock.advance(Duration.ofSeconds(20));

      HttpResponse<String> limited = server.get("/health", null);

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).hasValue("40");
      assertThat(server.body(limited).path("error_type").asText()).isEqualTo("RateLimitError");
      server.clock.advance(Duration.ofSeconds(40));
      assertThat(server.get("/health", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void a_workers_result_reports_are_not_held_to_the_per_address_limit() {
    try (var server = new TestServer(Map.of("RATE_LIMIT_PER_MINUTE", "3"))) {
      for (int i = 0; i < 3; i++) {
        assertThat(server.get("/health", null).statusCode()).isEqualTo(200);
      }
      assertThat(server.get("/health", null).statusCode()).isEqualTo(429);

      for (int i = 0; i < 5; i++) {
        HttpResponse<String> report =
            server.sendJson("POST", "/callbacks/job-complete", "{}", "not-the-worker-token");
        assertThat(report.statusCode())
            .as("read as a report (its empty body refused), not as a client's excess")
            .isEqualTo(400);
        assertThat(server.body(report).path("error_type").asText()).isEqualTo("ValidationError");
      }
    }
  }

  @Test
  void failed_logins_are_throttled_per_address_even_for_the_right_password() {
    try (var server =
        new TestServer(Map.of("LOGIN_MAX_FAILURES", "3", "LOGIN_LOCKOUT_MINUTES", "15"))) {
      for (int i = 0; i < 3; i++) {
        assertThat(server.login("admin", "wrong-" + i).statusCode()).isEqualTo(401);
      }

      HttpResponse<String> throttled = server.login("admin", TestServer.ADMIN_PASSWORD);

      assertThat(throttled.statusCode()).isEqualTo(429);
      assertThat(throttled.headers().firstValue("Retry-After")).hasValue("900");
      server.clock.advance(Duration.ofMinutes(15));
      assertThat(server.login("admin", TestServer.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }
  }
}
