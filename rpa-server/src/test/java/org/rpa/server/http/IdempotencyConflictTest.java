package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/**
 * POST /jobs repeated with an Idempotency-Key or a reference: the same body is 200 with the first
 * job; another body is 422 naming the key, and nothing is stored.
 */
class IdempotencyConflictTest {
  private static final String BODY =
      "{\"provider\":\"mfn\",\"action\":\"validation\",\"parameters\":{\"circuit_number\":\"A1\"}}";
  private TestServer server;
  private String token;

  @BeforeEach
  void start() {
    server = new TestServer();
    token = server.adminToken();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> submit(String body, String key) {
    var request =
        server
            .request("/jobs")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return server.send(key == null ? request : request.header("Idempotency-Key", key));
  }

  @Test
  void the_same_body_with_a_used_key_is_200_with_the_first_job() {
    long first = server.body(submit(BODY, "order-42")).path("id").asLong();

    HttpResponse<String> again = submit(BODY, "order-42");

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(server.body(again).path("id").asLong()).isEqualTo(first);
    assertThat(server.jobCount()).isEqualTo(1);
  }

  @Test
  void another_body_with_a_used_key_is_422_naming_the_key_and_stores_nothing() {
    long first = server.body(submit(BODY, "order-42")).path("id").asLong();

    HttpResponse<String> other =
        submit("{\"provider\":\"osn\",\"action\":\"cancellation\"}", "order-42");

    assertConflict(other, "order-42");
    assertThat(server.jobCount()).isEqualTo(1);
    JsonNode job = server.body(server.get("/jobs/" + first, token));
    assertThat(job.path("provider").asText()).isEqualTo("mfn");
  }

  @Test
  void the_same_reference_with_another_body_is_422_and_with_the_same_body_the_first_job() {
    String withReference = BODY.replace("}}", "},\"reference\":\"C-77\"}");
    long first = server.body(submit(withReference, null)).path("id").asLong();

    HttpResponse<String> same = submit(withReference, null);
    HttpResponse<String> other = submit(withReference.replace("A1", "B2"), null);

    assertThat(same.statusCode()).isEqualTo(200);
    assertThat(server.body(same).path("id").asLong()).isEqualTo(first);
    assertConflict(other, "C-77");
    assertThat(server.jobCount()).isEqualTo(1);
  }

  @Test
  void a_batch_repeating_a_key_with_another_body_is_422_and_stores_none_of_its_jobs() {
    String keyed = BODY.replace("}}", "},\"idempotency_key\":\"k-9\"}");
    String within =
        "{\"jobs\":[{\"provider\":\"osn\",\"action\":\"validation\"},"
            + keyed
            + ","
            + keyed.replace("A1", "Z9")
            + "]}";

    assertConflict(submit(within, null), "k-9");
    assertThat(server.jobCount()).isZero();

    assertThat(submit(keyed, null).statusCode()).isEqualTo(201);
    String against =
        "{\"jobs\":[{\"provider\":\"osn\",\"action\":\"validation\"},"
            + keyed.replace("A1", "Z9")
            + "]}";
    assertConflict(submit(against, null), "k-9");
    HttpResponse<String> same = submit("{\"jobs\":[" + keyed + "]}", null);
    assertThat(same.statusCode()).as(same.body()).isEqualTo(201);
    assertThat(server.body(same).path("created").asInt()).isZero();
    assertThat(server.jobCount()).isEqualTo(1);
  }

  private void assertConflict(HttpResponse<String> response, String key) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    JsonNode error = server.body(response);
    assertThat(error.path("error_type").asText()).isEqualTo("IdempotencyConflictError");
    assertThat(error.path("detail").asText()).contains("'" + key + "'");
    assertThat(error.path("timestamp").asText()).isNotBlank();
  }
}
