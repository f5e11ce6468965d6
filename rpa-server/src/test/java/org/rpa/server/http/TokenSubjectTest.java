package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/**
 * A correctly signed token is accepted only while its subject is a configured user with the role
 * the token names, and only within {@code JWT_EXPIRATION_MINUTES} of its {@code iat}, whatever its
 * {@code exp} says.
 */
class TokenSubjectTest {
  private static final String HASH =
      BCrypt.withDefaults().hashToString(10, "xavier-password".toCharArray());

  private static void assertRejected(TestServer server, HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(server.body(response).path("detail").asText())
        .isEqualTo("Could not validate credentials");
    assertThat(server.body(response).path("error_type").asText()).isEqualTo("AuthenticationError");
    assertThat(server.body(response).path("timestamp").asText()).isNotEmpty();
  }

  private static String sign(String subject, String role, Instant issuedAt, Instant expiresAt) {
    var builder =
        JWT.create()
            .withIssuer("rpa-orchestrator")
            .withSubject(subject)
            .withClaim("role", role)
            .withExpiresAt(expiresAt);
    if (issuedAt != null) {
      builder.withIssuedAt(issuedAt);
    }
    return builder.sign(Algorithm.HMAC256(TestServer.SECRET));
  }

  @Test
  void a_correctly_signed_token_for_a_user_that_is_not_configured_is_401() {
    try (var server = new TestServer()) {
      Instant now = server.clock.instant();
      String known = sign("admin", "admin", now, now.plusSeconds(600));
      String unknown = sign("ghost", "admin", now, now.plusSeconds(600));

      assertThat(server.get("/jobs", known).statusCode()).isEqualTo(200);
      assertRejected(server, server.get("/jobs", unknown));
    }
  }

  @Test
  void a_token_issued_before_its_users_role_changed_is_401_after_the_restart() {
    String token;
    try (var before = new TestServer(Map.of("RPA_USERS", "xavier:operator:" + HASH))) {
      token = before.token("xavier", "xavier-password");
      assertThat(before.get("/jobs", token).statusCode()).isEqualTo(200);
    }
    try (var after = new TestServer(Map.of("RPA_USERS", "xavier:viewer:" + HASH))) {
      assertRejected(after, after.get("/jobs", token));
      String fresh = after.token("xavier", "xavier-password");
      assertThat(after.get("/jobs", fresh).statusCode()).isEqualTo(200);
    }
    try (var removed = new TestServer()) {
      assertRejected(removed, removed.get("/jobs", token));
    }
  }

  @Test
  void a_token_older_than_the_lifetime_by_iat_is_401_even_with_a_far_exp() {
    try (var server = new TestServer()) {
      Instant now = server.clock.instant();
      String old =
          sign("admin", "admin", now.minus(Duration.ofMinutes(61)), now.plusSeconds(86_400));
      String young =
          sign("admin", "admin", now.minus(Duration.ofMinutes(59)), now.plusSeconds(86_400));

      assertRejected(server, server.get("/jobs", old));
      assertThat(server.get("/jobs", young).statusCode()).isEqualTo(200);
      server.clock.advance(Duration.ofMinutes(2));
      assertRejected(server, server.get("/jobs", young));
    }
  }

  @Test
  void a_token_without_iat_or_issued_in_the_future_is_401() {
    try (var server = new TestServer()) {
      Instant now = server.clock.instant();
      String missing = sign("admin", "admin", null, now.plusSeconds(600));
      String future = sign("admin", "admin", now.plusSeconds(300), now.plusSeconds(900));
      String withinSkew = sign("admin", "admin", now.plusSeconds(5), now.plusSeconds(600));

      assertRejected(server, server.get("/jobs", missing));
      assertRejected(server, server.get("/jobs", future));
      assertThat(server.get("/jobs", withinSkew).statusCode()).isEqualTo(200);
    }
  }
}
