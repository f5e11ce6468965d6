package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/** The callback route's worker token comes from the server's own configuration. */
class CallbackTokenTest {
  private static final String TOKEN = "callback-token-0123456789";
  private TestServer server;

  @BeforeEach
  void start() {
    server = new TestServer(Map.of("WORKER_AUTH_TOKEN", TOKEN));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void a_callback_without_the_configured_worker_token_is_refused() {
    var response = server.sendJson("POST", "/callbacks/job-complete", "{}", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(server.body(response).path("error_type").asText()).isEqualTo("AuthenticationError");
  }

  @Test
  void a_callback_with_the_configured_worker_token_gets_past_the_token_check() {
    var response = server.sendJson("POST", "/callbacks/job-complete", "{}", TOKEN);

    assertThat(response.statusCode()).isEqualTo(400);
  }
}
