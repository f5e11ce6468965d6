package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpa.core.event.EventTypes;
import org.rpa.core.event.RpaEvent;
import org.rpa.server.TestServer;
import org.rpa.server.ws.EventPayloads;

/**
 * {@code GET /api/system/websocket/events} on a real server: every type of the core's catalog with
 * its channel, description, deprecated flag, payload schema and example; each example, and each
 * event the running server publishes for a job submitted over HTTP, matches its type's schema.
 */
class EventRoutesTest {
  private static final String PATH = "/api/system/websocket/events";
  private static TestServer server;
  private static String viewer;
  private static final List<RpaEvent> published = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    server = new TestServer();
    viewer = server.token("viewer", TestServer.PASSWORD);
    server.server.orchestrator().events().subscribe(published::add);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void without_a_token_the_registry_is_401_with_the_error_body() {
    var response = server.get(PATH, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(server.body(response).path("detail").asText()).isNotBlank();
  }

  @Test
  void a_viewer_reads_every_event_type_with_the_channels_and_the_counts() {
    var response = server.get(PATH, viewer);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = server.body(response);
    assertThat(names(body))
        .containsExactly("event_types", "channels", "total_count", "deprecated_count");
    assertThat(texts(body.path("channels")))
        .containsExactly("jobs", "robots", "queue", "alerts", "system");
    JsonNode types = body.path("event_types");
    assertThat(body.path("total_count").asInt()).isEqualTo(types.size()).isEqualTo(20);
    assertThat(body.path("deprecated_count").asInt()).isZero();
    List<String> listed = new ArrayList<>();
    for (JsonNode type : types) {
      assertThat(names(type))
          .containsExactly(
              "type", "channel", "description", "deprecated", "payload_schema", "example");
      assertThat(type.path("type").asText()).matches("^[a-z]+\\.[a-z_]+$");
      assertThat(type.path("description").asText()).isNotBlank();
      assertThat(type.path("deprecated").isBoolean()).isTrue();
      assertMatches(type.path("payload_schema"), type.path("example"));
      listed.add(type.path("type").asText());
    }
    assertThat(listed)
        .containsExactlyElementsOf(EventTypes.all().stream().map(t -> t.type()).toList())
        .contains(
            "job.created",
            "job.completed",
            "robot.heartbeat",
            "robot.offline",
            "queue.depth",
            "alert.firing",
            "system.health_changed",
            "breaker.state_changed",
            "supervisor.worker_crashed");
  }

  @Test
  void a_job_change_carries_its_fields_and_may_have_no_previous_status() {
    JsonNode created = type("job.created");

    assertThat(created.path("channel").asText()).isEqualTo("jobs");
    JsonNode properties = created.path("payload_schema").path("properties");
    assertThat(names(properties))
        .containsExactly(
            "job_id", "provider", "action", "from", "to", "attempt", "executor", "reason", "at");
    assertThat(properties.path("job_id").path("type").asText()).isEqualTo("integer");
    assertThat(texts(properties.path("from").path("type"))).containsExactly("string", "null");
    assertThat(properties.path("to").path("type").asText()).isEqualTo("string");
    assertThat(properties.path("at").path("format").asText()).isEqualTo("date-time");
    assertThat(created.path("example").path("from").isNull()).isTrue();
    assertThat(created.path("example").path("to").asText()).isEqualTo("QUEUED");
    assertThat(type("queue.depth").path("channel").asText()).isEqualTo("queue");
    assertThat(type("breaker.state_changed").path("channel").asText()).isEqualTo("system");
  }

  @Test
  void the_events_the_server_publishes_for_a_submitted_job_match_their_schemas() {
    published.clear();
    String admin = server.adminToken();
    var submitted =
        server.sendJson("POST", "/jobs", "{\"provider\":\"mfn\",\"action\":\"validation\"}", admin);
    assertThat(submitted.statusCode()).isEqualTo(201);
    server.server.orchestrator().health().report();

    assertThat(published).extracting(RpaEvent::type).contains("job.created");
    for (RpaEvent event : published) {
      JsonNode payload = server.json.valueToTree(EventPayloads.payload(event));
      assertMatches(type(event.type()).path("payload_schema"), payload);
    }
  }

  private static JsonNode type(String name) {
    for (JsonNode type : server.body(server.get(PATH, viewer)).path("event_types")) {
      if (type.path("type").asText().equals(name)) {
        return type;
      }
    }
    throw new AssertionError("No event type " + name);
  }

  /** Every property of the schema, in its order, with a value of one of its types. */
  private static void assertMatches(JsonNode schema, JsonNode payload) {
    assertThat(schema.path("type").asText()).isEqualTo("object");
    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    JsonNode properties = schema.path("properties");
    assertThat(names(payload)).containsExactlyElementsOf(names(properties));
    assertThat(texts(schema.path("required"))).containsExactlyElementsOf(names(properties));
    for (Map.Entry<String, JsonNode> property : properties.properties()) {
      JsonNode value = payload.path(property.getKey());
      JsonNode declared = property.getValue().path("type");
      List<String> allowed = declared.isArray() ? texts(declared) : List.of(declared.asText());
      assertThat(allowed).as(property.getKey()).contains(jsonType(value));
      if (property.getValue().path("format").asText().equals("date-time") && !value.isNull()) {
        assertThat(Instant.parse(value.asText())).isNotNull();
      }
    }
  }

  private static String jsonType(JsonNode value) {
    if (value.isNull()) {
      return "null";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    return value.getNodeType().name();
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }
}
