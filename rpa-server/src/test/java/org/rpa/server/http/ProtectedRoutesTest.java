package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/** Every route the API description marks as secured refuses a call without a valid token. */
class ProtectedRoutesTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void every_secured_route_answers_401_without_a_token_and_with_a_bad_one() {
    JsonNode paths = server.body(server.get("/openapi.json", null)).path("paths");
    List<String> checked = new ArrayList<>();
    long before = server.jobCount();
    paths
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        operation -> {
                          if (!operation.getValue().has("security")) {
                            return;
                          }
                          String method = operation.getKey().toUpperCase(Locale.ROOT);
                          String url =
                              path.getKey()
                                  .replace("{id}", "1")
                                  .replace("{job_id}", "1")
                                  .replace("{robot_id}", "robot-1")
                                  .replace("{name}", "0001-open.png");
                          for (String header : new String[] {null, "Bearer x.y.z", "Basic YTpi"}) {
                            var request =
                                server
                                    .request(url)
                                    .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                                    .header("Content-Type", "application/json");
                            if (header != null) {
                              request.header("Authorization", header);
                            }
                            HttpResponse<String> response = server.send(request);
                            assertThat(response.statusCode()).as(method + " " + url).isEqualTo(401);
                            assertThat(server.body(response).path("detail").asText())
                                .isEqualTo("Could not validate credentials");
                          }
                          checked.add(method + " " + url);
                        }));

    assertThat(checked).hasSize(40);
    assertThat(server.jobCount()).isEqualTo(before);
  }
}
