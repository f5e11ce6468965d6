package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

class AuthTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> process(String token) {
    var request = server.request("/process").POST(HttpRequest.BodyPublishers.noBody());
    return server.send(
        token == null ? request : request.header("Authorization", "Bearer " + token));
  }

  private static void assertRejected(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(server.body(response).path("detail").asText())
        .isEqualTo("Could not validate credentials");
    assertThat(server.body(response).path("error_type").asText()).isEqualTo("AuthenticationError");
    assertThat(response.body()).doesNotContain("at org.");
  }

  @Test
  void a_login_returns_a_bearer_token_that_opens_protected_routes() {
    HttpResponse<String> login = server.login("admin", TestServer.ADMIN_PASSWORD);

    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(server.body(login).path("token_type").asText()).isEqualTo("bearer");
    String token = server.body(login).path("access_token").asText();
    HttpResponse<String> response = process(token);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(server.body(response).path("status").asText()).isEqualTo("Job processing initiated");
  }

  @Test
  void auth_token_is_the_same_login() {
    String form = "username=admin&password=" + TestServer.ADMIN_PASSWORD.replace(" ", "+");
    HttpResponse<String> response =
        server.send(
            server
                .request("/auth/token")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(server.body(response).path("access_token").asText()).isNotEmpty();
  }

  @Test
  void a_wrong_password_is_401_incorrect_username_or_password() {
    HttpResponse<String> response = server.login("operator", "wrong");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(server.body(response).path("detail").asText())
        .isEqualTo("Incorrect username or password");
  }

  @Test
  void an_unknown_user_gets_the_same_answer() {
    HttpResponse<String> response = server.login("nobody", "wrong");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(server.body(response).path("detail").asText())
        .isEqualTo("Incorrect username or password");
  }

  @Test
  void a_missing_token_is_rejected() {
    assertRejected(process(null));
  }

  @Test
  void a_garbage_token_is_rejected() {
    assertRejected(process("invalid_token"));
  }

  @Test
  void an_expired_token_is_rejected() {
    String token = server.adminToken();
    assertThat(process(token).statusCode()).isEqualTo(200);

    server.clock.advance(Duration.ofMinutes(60).plusSeconds(1));

    assertRejected(process(token));
  }

  @Test
  void a_tampered_token_is_rejected() {
    String token = server.token("viewer", TestServer.PASSWORD);
    String[] parts = token.split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"viewer\"", "\"admin\"");
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    assertRejected(process(forged));
  }

  @Test
  void a_token_signed_with_another_hmac_algorithm_is_rejected() {
    String token = sign(Algorithm.HMAC512(TestServer.SECRET), server.clock.instant());

    assertRejected(process(token));
  }

  @Test
  void a_token_with_alg_none_is_rejected() {
    String token = sign(Algorithm.none(), server.clock.instant());

    assertRejected(process(token));
  }

  @Test
  void a_token_without_exp_is_rejected() {
    String token =
        JWT.create()
            .withIssuer("rpa-orchestrator")
            .withSubject("admin")
            .withClaim("role", "admin")
            .sign(Algorithm.HMAC256(TestServer.SECRET));

    assertRejected(process(token));
  }

  @Test
  void a_token_from_another_issuer_is_rejected() {
    String token =
        JWT.create()
            .withIssuer("someone-else")
            .withSubject("admin")
            .withClaim("role", "admin")
            .withExpiresAt(server.clock.instant().plusSeconds(600))
            .sign(Algorithm.HMAC256(TestServer.SECRET));

    assertRejected(process(token));
  }

  @Test
  void a_correctly_signed_token_made_by_hand_is_accepted() {
    String token = sign(Algorithm.HMAC256(TestServer.SECRET), server.clock.instant());

    assertThat(process(token).statusCode()).isEqualTo(200);
  }

  @Test
  void a_viewer_may_read_but_not_reset_the_scheduler() {
    String token = server.token("viewer", TestServer.PASSWORD);

    HttpResponse<String> response =
        server.send(
            server
                .request("/scheduler/reset")
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(server.body(response).path("detail").asText()).contains("scheduler:reset");
    assertThat(server.get("/jobs", token).statusCode()).isEqualTo(200);
  }

  @Test
  void an_operator_may_process_but_not_reset() {
    String token = server.token("operator", TestServer.PASSWORD);

    assertThat(process(token).statusCode()).isEqualTo(200);
    assertThat(
            server
                .send(
                    server
                        .request("/scheduler/reset")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .header("Authorization", "Bearer " + token))
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void a_login_form_with_the_wrong_content_type_is_415() {
    HttpResponse<String> response =
        server.sendJson("POST", "/token", "{\"username\":\"admin\",\"password\":\"x\"}", null);

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(server.body(response).path("error_type").asText())
        .isEqualTo("UnsupportedMediaTypeError");
  }

  @Test
  void a_login_form_without_a_password_is_400() {
    HttpResponse<String> response =
        server.send(
            server
                .request("/token")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&extra=1"))
                .header("Content-Type", "application/x-www-form-urlencoded"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(server.body(response).path("detail").asText()).isEqualTo("Unknown field 'extra'");
  }

  private static String sign(Algorithm algorithm, Instant now) {
    return JWT.create()
        .withIssuer("rpa-orchestrator")
        .withSubject("admin")
        .withClaim("role", "admin")
        .withIssuedAt(now)
        .withExpiresAt(now.plusSeconds(600))
        .sign(algorithm);
  }
}
