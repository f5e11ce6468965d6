package org.rpa.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/**
 * Who may open a stream, on a real server with the JDK's WebSocket client: a token in the {@code
 * Authorization} header or in {@code Sec-WebSocket-Protocol} (the server selects {@code bearer}),
 * or a single-use ticket valid for 30 s by the server's clock; refusals are 401 (400 for a token in
 * the URL) at the upgrade, with the documented error body; a connection whose token expires is
 * closed with 1008.
 */
class StreamAuthTest {
  private TestServer server;
  private String viewer;

  @BeforeEach
  void start() {
    server = new TestServer();
    viewer = server.token("viewer", TestServer.PASSWORD);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void a_viewer_listens_with_a_token_in_the_authorization_header() {
    try (var client = StreamClient.to(server, "/ws/events").bearer(viewer).open()) {
      client.send("{\"action\":\"subscribe\",\"channels\":[\"jobs\"]}");

      assertThat(client.next().path("type").asText()).isEqualTo("subscribed");
    }
  }

  @Test
  void a_token_in_the_subprotocols_opens_a_stream_and_the_server_selects_bearer() {
    try (var client = StreamClient.to(server, "/ws/events").subprotocols("bearer", viewer).open()) {
      assertThat(client.subprotocol()).isEqualTo("bearer");
      client.send("{\"action\":\"subscribe\",\"channels\":[\"jobs\"]}");

      assertThat(client.next().path("type").asText()).isEqualTo("subscribed");
    }
  }

  @Test
  void without_credentials_or_with_a_bad_token_the_upgrade_is_refused_with_401() throws Exception {
    for (StreamClient.Opening opening :
        new StreamClient.Opening[] {
          StreamClient.to(server, "/ws/live-jobs"),
          StreamClient.to(server, "/ws/robot-status").bearer("x.y.z"),
          StreamClient.to(server, "/ws/queue-metrics").header("Authorization", "Basic YTpi"),
          StreamClient.to(server, "/ws/events").subprotocols("bearer", "x.y.z"),
          StreamClient.to(server, "/ws/events").subprotocols("chat", viewer),
          StreamClient.to(server, "/ws/events?ticket=not-a-ticket")
        }) {
      assertThat(opening.refused().status()).isEqualTo(401);
    }
    for (Map<String, String> headers :
        List.of(
            Map.<String, String>of(),
            Map.of("Authorization", "Bearer x.y.z"),
            Map.of("Sec-WebSocket-Protocol", "bearer, x.y.z"))) {
      try (var raw = RawWebSocket.upgrade(server.server.port(), "/ws/events", headers)) {
        assertThat(raw.answer().status()).isEqualTo(401);
        assertThat(raw.answer().headers()).contains("www-authenticate: bearer");
        assertThat(server.json.readTree(raw.answer().body()).path("detail").asText())
            .as(raw.answer().toString())
            .isEqualTo("Could not validate credentials");
      }
    }
  }

  @Test
  void a_token_in_the_url_is_refused_with_400_and_never_used() throws Exception {
    assertThat(StreamClient.to(server, "/ws/live-jobs?token=" + viewer).refused().status())
        .isEqualTo(400);

    try (var raw =
        RawWebSocket.upgrade(
            server.server.port(), "/ws/live-jobs?access_token=" + viewer, Map.of())) {
      assertThat(raw.answer().status()).isEqualTo(400);
      assertThat(server.json.readTree(raw.answer().body()).path("detail").asText())
          .startsWith("Unknown query parameter 'access_token'")
          .doesNotContain(viewer);
    }
  }

  @Test
  void a_ticket_opens_one_stream_once() {
    JsonNode ticket = ticket(viewer);
    assertThat(ticket.properties()).hasSize(2);
    assertThat(ticket.path("expires_in").asInt()).isEqualTo(30);
    String value = ticket.path("ticket").asText();
    assertThat(value).hasSizeGreaterThanOrEqualTo(43).doesNotContain(".");

    try (var client = StreamClient.to(server, "/ws/live-jobs?ticket=" + value).open()) {
      assertThat(client.isClosed()).isFalse();
    }
    StreamClient.Refusal again = StreamClient.to(server, "/ws/events?ticket=" + value).refused();
    assertThat(again.status()).isEqualTo(401);
  }

  @Test
  void a_ticket_expires_after_30_seconds_by_the_servers_clock() {
    String early = ticket(viewer).path("ticket").asText();
    String late = ticket(viewer).path("ticket").asText();

    server.clock.advance(Duration.ofSeconds(29));
    try (var client = StreamClient.to(server, "/ws/live-jobs?ticket=" + early).open()) {
      assertThat(client.isClosed()).isFalse();
    }
    server.clock.advance(Duration.ofSeconds(1));
    assertThat(StreamClient.to(server, "/ws/live-jobs?ticket=" + late).refused().status())
        .isEqualTo(401);
  }

  @Test
  void a_ticket_needs_a_token_and_is_not_given_for_a_bad_one() {
    for (String header : new String[] {null, "Bearer x.y.z"}) {
      var request = server.request("/api/ws/ticket").POST(HttpRequest.BodyPublishers.noBody());
      if (header != null) {
        request.header("Authorization", header);
      }
      var response = server.send(request);

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(server.body(response).path("detail").asText())
          .isEqualTo("Could not validate credentials");
    }
    assertThat(server.server.streams().tickets().outstanding()).isZero();
  }

  @Test
  void a_connection_whose_token_expires_is_closed_with_1008() {
    try (var client = StreamClient.to(server, "/ws/live-jobs").bearer(viewer).open()) {
      server.clock.advance(Duration.ofMinutes(60));

      StreamClient.Closed closed = client.awaitClose();

      assertThat(closed.code()).isEqualTo(1008);
      assertThat(closed.reason()).isEqualTo("Token expired");
    }
  }

  @Test
  void upgrades_count_towards_the_rate_limit() throws Exception {
    try (var limited = new TestServer(Map.of("RATE_LIMIT_PER_MINUTE", "3"))) {
      String token = limited.token("viewer", TestServer.PASSWORD);
      StreamClient.to(limited, "/ws/live-jobs").bearer(token).open().close();
      StreamClient.to(limited, "/ws/live-jobs").bearer(token).open().close();

      try (var raw =
          RawWebSocket.upgrade(
              limited.server.port(), "/ws/live-jobs", Map.of("Authorization", "Bearer " + token))) {
        assertThat(raw.answer().status()).isEqualTo(429);
        assertThat(raw.answer().headers()).contains("retry-after:");
        assertThat(limited.json.readTree(raw.answer().body()).path("error_type").asText())
            .isEqualTo("RateLimitError");
      }
    }
  }

  private JsonNode ticket(String token) {
    var response =
        server.send(
            server
                .request("/api/ws/ticket")
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return server.body(response);
  }
}
