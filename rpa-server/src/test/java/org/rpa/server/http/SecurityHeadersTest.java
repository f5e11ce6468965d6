package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/**
 * nosniff and Referrer-Policy on every answer (errors and Jetty's own included), no-store on tokens
 * and authenticated answers, a CSP that forbids framing and inline script on the HTML pages.
 */
class SecurityHeadersTest {
  private static TestServer server;
  private static String token;

  @BeforeAll
  static void start() {
    server = new TestServer();
    token = server.adminToken();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void assertCommon(HttpHeaders headers) {
    assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(headers.firstValue("Referrer-Policy")).hasValue("no-referrer");
  }

  private static void assertNoStore(HttpHeaders headers) {
    assertThat(headers.firstValue("Cache-Control")).hasValue("no-store");
    assertThat(headers.firstValue("Pragma")).hasValue("no-cache");
  }

  @Test
  void a_public_route_gets_nosniff_and_the_referrer_policy_and_no_hsts_without_tls() {
    HttpResponse<String> health = server.get("/health", null);

    assertThat(health.statusCode()).isEqualTo(200);
    assertCommon(health.headers());
    assertThat(health.headers().firstValue("Strict-Transport-Security")).isEmpty();
  }

  @Test
  void errors_get_them_too_unknown_routes_refusals_and_bad_input() {
    HttpResponse<String> missing = server.get("/nowhere", null);
    HttpResponse<String> refused = server.get("/jobs", null);
    HttpResponse<String> bad = server.sendJson("POST", "/jobs", "{", token);

    assertThat(missing.statusCode()).isEqualTo(404);
    assertCommon(missing.headers());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertCommon(refused.headers());
    assertNoStore(refused.headers());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertCommon(bad.headers());
    assertNoStore(bad.headers());
  }

  @Test
  void jettys_own_error_for_a_malformed_uri_gets_them_too() throws IOException {
    String answer = raw("GET /jobs/%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 400");
    assertThat(answer.toLowerCase()).contains("x-content-type-options: nosniff");
    assertThat(answer.toLowerCase()).contains("referrer-policy: no-referrer");
    assertThat(answer).contains("\"error_type\":\"ValidationError\"");
  }

  @Test
  void jettys_own_error_says_that_it_closes_the_connection_so_no_request_is_sent_into_it()
      throws IOException {
    // Keep-alive, and a second request pipelined behind the bad one: Jetty answers the first and
    // closes, so the answer must tell the client, which then opens a new connection.
    String answer =
        raw(
            "PATCH /jobs/1%00 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"
                + "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 400");
    assertThat(answer.toLowerCase()).contains("connection: close");
    assertThat(answer).doesNotContain("HTTP/1.1 200");
  }

  @Test
  void an_authenticated_answer_is_not_stored() {
    HttpResponse<String> jobs = server.get("/jobs", token);

    assertThat(jobs.statusCode()).isEqualTo(200);
    assertCommon(jobs.headers());
    assertNoStore(jobs.headers());
  }

  @Test
  void a_token_answer_is_not_stored_on_both_token_routes() {
    HttpResponse<String> login = server.login("admin", TestServer.ADMIN_PASSWORD);
    HttpResponse<String> failed = server.login("admin", "wrong password");

    assertThat(login.statusCode()).isEqualTo(200);
    assertNoStore(login.headers());
    assertCommon(login.headers());
    assertThat(failed.statusCode()).isEqualTo(401);
    assertNoStore(failed.headers());
    HttpResponse<String> auth =
        server.sendJson("POST", "/auth/token", "{\"username\":\"admin\",\"password\":\"x\"}", null);
    assertNoStore(auth.headers());
  }

  @Test
  void the_html_pages_forbid_framing_and_inline_script() {
    for (String page : new String[] {"/docs", "/redoc"}) {
      HttpResponse<String> response = server.get(page, null);

      assertThat(response.statusCode()).isEqualTo(200);
      assertCommon(response.headers());
      String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(csp).contains("frame-ancestors 'none'", "default-src 'none'");
      String scripts = directive(csp, "script-src");
      assertThat(scripts).isEqualTo("script-src 'self'");
      assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(response.body().replaceAll("<script src=\"[^\"]+\"></script>", ""))
          .as("no inline script on " + page)
          .doesNotContain("<script");
    }
  }

  @Test
  void the_swagger_start_script_is_served_from_our_origin_as_javascript() {
    HttpResponse<String> script = server.get(ApiDocsRoutes.SWAGGER_INIT, null);

    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/javascript");
    assertThat(script.body()).contains("SwaggerUIBundle(", "/openapi.json");
    assertCommon(script.headers());
  }

  private static String directive(String csp, String name) {
    for (String part : csp.split(";")) {
      if (part.trim().startsWith(name + " ")) {
        return part.trim();
      }
    }
    return "";
  }

  private static String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
