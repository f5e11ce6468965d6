package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/**
 * Behind a trusted proxy ({@code TRUSTED_PROXIES}) each client is told apart by its {@code
 * X-Forwarded-For} address in the login lockout, the rate limit and the audit log; from a peer that
 * is not listed the header is ignored. The test's HttpClient connects from 127.0.0.1.
 */
class TrustedProxiesTest {
  private static final String CLIENT_A = "203.0.113.10";
  private static final String CLIENT_B = "203.0.113.20";

  private static HttpResponse<String> login(TestServer server, String forwardedFor, String pass) {
    String form = "username=admin&password=" + URLEncoder.encode(pass, StandardCharsets.UTF_8);
    return server.send(
        server
            .request("/token")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Forwarded-For", forwardedFor));
  }

  private static int health(TestServer server, String forwardedFor) {
    return server
        .send(server.request("/health").header("X-Forwarded-For", forwardedFor))
        .statusCode();
  }

  @Test
  void from_a_trusted_proxy_one_clients_failed_logins_do_not_lock_out_another() {
    try (var server =
        new TestServer(Map.of("TRUSTED_PROXIES", "127.0.0.1", "LOGIN_MAX_FAILURES", "2"))) {
      assertThat(login(server, CLIENT_A, "wrong-1").statusCode()).isEqualTo(401);
      assertThat(login(server, "198.51.100.7, " + CLIENT_A, "wrong-2").statusCode()).isEqualTo(401);
      assertThat(login(server, CLIENT_A, "wrong-3").statusCode()).isEqualTo(429);

      assertThat(login(server, CLIENT_B, "wrong-1").statusCode()).isEqualTo(401);
      assertThat(login(server, CLIENT_B, TestServer.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void from_a_trusted_proxy_each_client_has_its_own_rate_limit() {
    try (var server =
        new TestServer(Map.of("TRUSTED_PROXIES", "127.0.0.0/8", "RATE_LIMIT_PER_MINUTE", "2"))) {
      assertThat(health(server, CLIENT_A)).isEqualTo(200);
      assertThat(health(server, CLIENT_A)).isEqualTo(200);
      assertThat(health(server, CLIENT_A)).isEqualTo(429);

      assertThat(health(server, CLIENT_B)).isEqualTo(200);
    }
  }

  @Test
  void from_a_trusted_proxy_the_audit_log_names_the_forwarded_client() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    try (var server = new TestServer(Map.of("TRUSTED_PROXIES", "127.0.0.1, ::1"))) {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try {
        login(server, "198.51.100.7, " + CLIENT_A, "wrong-password-1");
        login(server, CLIENT_B, TestServer.ADMIN_PASSWORD);
      } finally {
        System.setErr(original);
      }
    }
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("who=admin action=login target=/token from=" + CLIENT_A + " outcome=failed")
        .contains("who=admin action=login target=/token from=" + CLIENT_B + " outcome=success")
        .doesNotContain("from=198.51.100.7");
  }

  @Test
  void from_a_peer_that_is_not_a_trusted_proxy_x_forwarded_for_is_ignored() {
    try (var server =
        new TestServer(
            Map.of(
                "TRUSTED_PROXIES", "127.0.0.2",
                "LOGIN_MAX_FAILURES", "2",
                "RATE_LIMIT_PER_MINUTE", "4"))) {
      assertThat(login(server, CLIENT_A, "wrong-1").statusCode()).isEqualTo(401);
      assertThat(login(server, CLIENT_B, "wrong-2").statusCode()).isEqualTo(401);
      assertThat(login(server, "198.51.100.99", "wrong-3").statusCode()).isEqualTo(429);
      assertThat(health(server, CLIENT_B)).isEqualTo(200);
      assertThat(health(server, "198.51.100.99")).isEqualTo(429);
    }
  }
}
