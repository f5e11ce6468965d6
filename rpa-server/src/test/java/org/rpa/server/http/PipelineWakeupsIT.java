package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;
import org.rpa.server.TestServer;

/**
 * The wake-up channel on a real PostgreSQL, through the running server: the full health names the
 * engine and shows {@code LISTEN/NOTIFY} listening; when the database ends the listener's
 * connection, the intake turns to {@code polling} (the listener waits a second before it connects
 * again), then back to {@code native}, with the lost connection's error kept; no request meanwhile
 * borrows the lost connection from the pool.
 */
@ExtendWith(PostgresExtension.class)
class PipelineWakeupsIT {

  @Test
  void a_lost_listen_connection_turns_the_intake_to_polling_until_it_listens_again(
      PgDatabase database) throws Exception {
    try (var server = new TestServer(Map.of("DATABASE_URL", database.jdbcUrl()))) {
      String token = server.adminToken();
      JsonNode listening =
          Downstream.awaitBody(
              "the listener listening",
              () -> server.body(server.get("/api/system/health/full", null)),
              body ->
                  body.path("redis").path("details").path("state").asText().equals("listening"));
      JsonNode store = listening.path("postgres").path("details");
      assertThat(store.path("engine").asText()).isEqualTo("PostgreSQL");
      assertThat(store.path("version").asText()).isNotBlank();
      JsonNode channel = listening.path("redis");
      assertThat(channel.path("status").asText()).isEqualTo("healthy");
      assertThat(channel.path("message").asText())
          .isEqualTo("Submits wake every instance's dispatcher through LISTEN/NOTIFY");
      assertThat(channel.path("details").path("mechanism").asText()).isEqualTo("listen_notify");
      assertThat(channel.path("details").path("channel").asText()).isEqualTo("rpa_jobs");
      assertThat(channel.path("details").path("observer_type").asText()).isEqualTo("native");
      JsonNode intake = server.body(server.get("/api/system/pipeline", token)).path("file_watcher");
      assertThat(intake.path("observer_type").asText()).isEqualTo("native");
      assertThat(intake.path("wake_channel").asText()).isEqualTo("listen_notify");

      assertThat(terminateListener(database)).isOne();
      List<String> seen = new ArrayList<>();
      JsonNode polling = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (polling == null && System.nanoTime() < deadline) {
        var response = server.get("/api/system/pipeline", token);
        assertThat(response.statusCode())
            .as("no request gets the listener's lost connection: %s", response.body())
            .isEqualTo(200);
        JsonNode body = server.body(response);
        seen.add(body.path("file_watcher").path("observer_type").asText());
        if (body.path("file_watcher").path("observer_type").asText().equals("polling")) {
          polling = body;
        }
        LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
      }
      assertThat(polling).as("observer types seen: %s", seen).isNotNull();
      assertThat(polling.path("file_watcher").path("wake_state").asText())
          .isEqualTo("reconnecting");
      assertThat(polling.path("degradation").path("redis_healthy").asBoolean()).isFalse();
      assertThat(polling.path("degradation").path("reasons").toString())
          .contains("submits are picked up by polling");

      JsonNode back =
          Downstream.awaitBody(
              "the listener back",
              () -> server.body(server.get("/api/system/health/full", null)),
              body ->
                  body.path("redis")
                      .path("details")
                      .path("observer_type")
                      .asText()
                      .equals("native"));
      assertThat(back.path("redis").path("details").path("last_error").asText())
          .contains("terminating connection");
      System.out.println("LISTEN connection lost and back: observer types seen " + seen);
    }
  }

  /** Ends the backend that holds {@code LISTEN rpa_jobs}; returns how many were ended. */
  private static int terminateListener(PgDatabase database) throws Exception {
    try (var connection = DriverManager.getConnection(database.jdbcUrl());
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE query = 'LISTEN rpa_jobs' AND datname = current_database()"
                    + " AND pid <> pg_backend_pid()")) {
      int ended = 0;
      while (rows.next()) {
        ended += rows.getBoolean(1) ? 1 : 0;
      }
      return ended;
    }
  }
}
