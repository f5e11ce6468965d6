package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rpa.server.TestServer;

/** The method on the wire is the method: a request asking to be treated as another is a 400. */
class MethodOverrideTest {
  private static TestServer server;
  private static String token;

  @BeforeAll
  static void start() {
    server = new TestServer();
    token = server.adminToken();
    server.sendJson("POST", "/jobs", "{\"provider\":\"mfn\",\"action\":\"validation\"}", token);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"})
  void a_get_asking_to_be_a_delete_is_a_400_and_leaves_the_job_queued(String header) {
    HttpResponse<String> response =
        server.send(
            server
                .request("/jobs/1")
                .header("Authorization", "Bearer " + token)
                .header(header, "DELETE")
                .GET());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode error = server.body(response);
    assertThat(error.path("error_type").asText()).isEqualTo("ValidationError");
    assertThat(error.path("detail").asText()).contains(header);
    assertThat(server.body(server.get("/jobs/1", token)).path("status").asText())
        .isEqualTo("QUEUED");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "POST", ""})
  void an_override_header_is_refused_whatever_it_names_even_on_public_routes(String value) {
    HttpResponse<String> response =
        server.send(server.request("/health").header("X-HTTP-Method-Override", value).GET());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(server.body(response).path("error_type").asText()).isEqualTo("ValidationError");
  }
}
