package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpa.server.TestServer;

/**
 * A job id in a URL has one spelling: plain ASCII digits, no sign, no leading zero, no space. Every
 * other spelling of job 1 is a 400 with the error body on every route that takes a job id, and job
 * 1 is left as it was.
 */
public class JobIdSpellingTest {
  /** Spellings of 1 (and of no job) as they go on the wire, percent-encoded where needed. */
  public static final List<String> SPELLINGS =
      List.of(
          "+1",
          "%2B1",
          "01",
          "%201",
          "1%20",
          "%091",
          "%EF%BC%91",
          "%D9%A1",
          "-1",
          "0",
          "1e0",
          "99999999999999999999");

  private static TestServer server;
  private static String token;

  @BeforeAll
  static void start() {
    server = new TestServer();
    token = server.adminToken();
    var created =
        server.sendJson("POST", "/jobs", "{\"provider\":\"mfn\",\"action\":\"validation\"}", token);
    assertThat(server.body(created).path("id").asLong()).isEqualTo(1);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> cases() {
    var cases = new ArrayList<Arguments>();
    for (String id : SPELLINGS) {
      cases.add(Arguments.of("GET", "/jobs/" + id, null));
      cases.add(Arguments.of("PATCH", "/jobs/" + id, "{\"priority\":7}"));
      cases.add(Arguments.of("DELETE", "/jobs/" + id, null));
      cases.add(Arguments.of("GET", "/jobs/" + id + "/screenshots", null));
      cases.add(Arguments.of("GET", "/jobs/" + id + "/screenshots/0001-open-login-page.png", null));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void an_id_not_in_its_one_spelling_is_a_400_and_changes_nothing(
      String method, String path, String body) {
    var request =
        server
            .request(path)
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }

    HttpResponse<String> response = server.send(request);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode error = server.body(response);
    assertThat(error.path("error_type").asText()).isEqualTo("ValidationError");
    assertThat(error.has("detail") && error.has("timestamp")).as(response.body()).isTrue();
    JsonNode job = server.body(server.get("/jobs/1", token));
    assertThat(job.path("status").asText()).isEqualTo("QUEUED");
    assertThat(job.path("priority").asInt()).isZero();
  }
}
