package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpa.server.TestServer;

/**
 * Every endpoint that takes input, fed bad input: each gets its documented 4xx with {@code {detail,
 * error_type, timestamp}}, no stack trace, and the store holds as many jobs afterwards as before.
 */
class BadInputTest {
  private static final String JSON = "application/json";
  private static TestServer server;
  private static String token;
  private static long existing;

  @BeforeAll
  static void start() {
    server = new TestServer();
    token = server.adminToken();
    existing =
        server
            .body(
                server.sendJson(
                    "POST", "/jobs", "{\"provider\":\"mfn\",\"action\":\"validation\"}", token))
            .path("id")
            .asLong();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> cases() {
    String job = "/jobs/";
    return Stream.of(
        // POST /jobs
        Arguments.of("POST", "/jobs", JSON, "{\"provider\":", 400, "Malformed JSON"),
        Arguments.of("POST", "/jobs", JSON, "", 400, "JSON object"),
        Arguments.of("POST", "/jobs", JSON, "[1,2]", 400, "JSON object"),
        Arguments.of(
            "POST", "/jobs", JSON, "{\"provider\":\"mfn\",\"action\":\"validation\"} x", 400, ""),
        Arguments.of("POST", "/jobs", JSON, "{\"action\":\"validation\"}", 400, "provider"),
        Arguments.of(
            "POST",
            "/jobs",
            JSON,
            "{\"provider\":\"mfn\",\"action\":\"validation\",\"colour\":1}",
            400,
            "Unknown field 'colour'"),
        Arguments.of(
            "POST",
            "/jobs",
            JSON,
            "{\"provider\":\"mfn\",\"action\":\"validation\",\"priority\":\"5\"}",
            400,
            "priority"),
        Arguments.of(
            "POST",
            "/jobs",
            JSON,
            "{\"provider\":\"mfn\",\"action\":\"validation\",\"priority\":5.5}",
            400,
            "priority"),
        Arguments.of(
            "POST",
            "/jobs",
            JSON,
            "{\"provider\":\"mfn\",\"action\":\"validation\",\"priority\":1000}",
            400,
            "priority must be between"),
        Arguments.of(
            "POST",
            "/jobs",
            JSON,
            "{\"provider\":\"mfn\",\"action\":\"validation\",\"priority\":99999999999}",
            400,
            "priority"),
        Arguments.of(
            "POST",
            "/jobs",
            JSON,
            "{\"provider\":\"mfn\",\"action\":\"validation\",\"max_attempts\":0}",
            400,
            "max_attempts"),
        Arguments.of(
            "POST",
            "/jobs",
            JSON,
            "{\"provider\":\"mfn\",\"action\":\"validation\",\"timeout_seconds\":-1}",
            400,
            "timeout_seconds"),
        Arguments.of(
            "POST",
            "/jobs",
            JSON,
            "{\"provider\":\"mfn\",\"action\":\"validation\",\"run_at\":\"tomorrow\"}",
            400,
            "run_at"),
        Arguments.of(
            "POST",
            "/jobs",
            JSON,
            "{\"provider\":\"mfn\",\"action\":\"validation\",\"parameters\":[1]}",
            400,
            "parameters"),
        Arguments.of(
            "POST",
            "/jobs",
            JSON,
            "{\"provider\":\"mfn\",\"provider\":\"osn\",\"action\":\"validation\"}",
            400,
            "Duplicate field"),
        Arguments.of(
            "POST",
            "/jobs",
            JSON,
            "{\"provider\":\"acme\",\"action\":\"validation\"}",
            400,
            "provider must be one of"),
        Arguments.of(
            "POST",
            "/jobs",
            JSON,
            "{\"provider\":\"../../etc\",\"action\":\"validation\"}",
            400,
            "provider"),
        Arguments.of(
            "POST",
            "/jobs",
            JSON,
            "{\"provider\":\"mfn\",\"action\":\"drop table\"}",
            400,
            "action"),
        Arguments.of("POST", "/jobs", JSON, "{\"jobs\":[]}", 400, "1 to 500"),
        Arguments.of(
            "POST",
            "/jobs",
            JSON,
            "{\"jobs\":[{\"provider\":\"mfn\",\"action\":\"validation\"},{\"provider\":\"nope\",\"action\":\"validation\"}]}",
            400,
            "provider"),
        Arguments.of(
            "POST",
            "/jobs",
            "text/plain",
            "{\"provider\":\"mfn\",\"action\":\"validation\"}",
            415,
            "application/json"),
        // GET /jobs
        Arguments.of("GET", "/jobs?limit=0", null, null, 400, "limit must be between 1 and 500"),
        Arguments.of("GET", "/jobs?limit=501", null, null, 400, "limit"),
        Arguments.of("GET", "/jobs?limit=ten", null, null, 400, "limit"),
        Arguments.of("GET", "/jobs?status=exploded", null, null, 400, "status"),
        Arguments.of("GET", "/jobs?cursor=bm9wZQ", null, null, 400, "cursor"),
        Arguments.of("GET", "/jobs?created_from=yesterday", null, null, 400, "created_from"),
        Arguments.of(
            "GET", "/jobs?colour=red", null, null, 400, "Unknown query parameter 'colour'"),
        // GET/PATCH/DELETE /jobs/{id} and screenshots
        Arguments.of("GET", job + "999999", null, null, 404, "Job 999999 not found"),
        Arguments.of("GET", job + "0", null, null, 400, "job_id"),
        Arguments.of("GET", job + "-1", null, null, 400, "job_id"),
        Arguments.of("GET", job + "abc", null, null, 400, "job_id"),
        Arguments.of("GET", job + "99999999999999999999", null, null, 400, "job_id"),
        Arguments.of("GET", job + "1%20OR%201=1", null, null, 400, "job_id"),
        Arguments.of("GET", job + "..%2F..%2Fetc%2Fpasswd", null, null, 400, "job_id"),
        Arguments.of("GET", job + "999999/screenshots", null, null, 404, "not found"),
        Arguments.of("GET", job + "..%2Fsecret/screenshots", null, null, 400, "job_id"),
        Arguments.of(
            "GET", job + "EXISTING/screenshots/0001-open.png", null, null, 404, "not found"),
        Arguments.of("GET", job + "999999/screenshots/0001-open.png", null, null, 404, "not found"),
        Arguments.of("GET", job + "EXISTING/screenshots/passwd", null, null, 400, "name"),
        Arguments.of("GET", job + "EXISTING/screenshots/..", null, null, 400, ""),
        Arguments.of(
            "GET", job + "EXISTING/screenshots/..%2F..%2Fetc%2Fpasswd", null, null, 400, ""),
        Arguments.of("GET", job + "EXISTING/screenshots/0001-open.png%00.txt", null, null, 400, ""),
        Arguments.of("GET", job + "EXISTING/screenshots?page=2", null, null, 400, "'page'"),
        Arguments.of("GET", "/browser-services?all=true", null, null, 400, "'all'"),
        Arguments.of("POST", "/process?now=1", null, null, 400, "'now'"),
        Arguments.of("DELETE", job + "999999", null, null, 404, "not found"),
        Arguments.of("DELETE", job + "x", null, null, 400, "job_id"),
        Arguments.of("PATCH", job + "999999", JSON, "{\"priority\":1}", 404, "not found"),
        Arguments.of("PATCH", job + "EXISTING", JSON, "{}", 400, "must change"),
        Arguments.of("PATCH", job + "EXISTING", JSON, "{\"priority\":\"high\"}", 400, "priority"),
        Arguments.of("PATCH", job + "EXISTING", JSON, "{\"priority\":101}", 400, "priority"),
        Arguments.of(
            "PATCH", job + "EXISTING", JSON, "{\"owner\":\"me\"}", 400, "Unknown field 'owner'"),
        Arguments.of("PATCH", job + "EXISTING", JSON, "{\"status\":\"EXPLODED\"}", 400, "status"),
        Arguments.of(
            "PATCH", job + "EXISTING", JSON, "{\"status\":\"COMPLETED\"}", 409, "cannot go from"),
        Arguments.of(
            "PATCH",
            job + "EXISTING",
            JSON,
            "{\"status\":\"CANCELLED\",\"priority\":1}",
            400,
            "cannot be combined"),
        Arguments.of("PATCH", job + "EXISTING", JSON, "{\"run_at\":12}", 400, "run_at"),
        Arguments.of(
            "PATCH",
            job + "EXISTING",
            "application/xml",
            "<priority>1</priority>",
            415,
            "application/json"),
        Arguments.of("PATCH", job + "EXISTING", JSON, "{\"priority\":", 400, "Malformed JSON"),
        // privacy
        Arguments.of(
            "POST",
            "/privacy/data-request",
            JSON,
            "{\"request_type\":\"sell\",\"email\":\"a@b.c\"}",
            400,
            "request_type"),
        Arguments.of(
            "POST", "/privacy/data-request", JSON, "{\"request_type\":\"access\"}", 400, "email"),
        Arguments.of(
            "POST",
            "/privacy/data-request",
            JSON,
            "{\"request_type\":\"access\",\"email\":\"a@b.c\",\"ssn\":1}",
            400,
            "Unknown field 'ssn'"),
        Arguments.of(
            "POST",
            "/privacy/data-request",
            JSON,
            "{\"request_type\":7,\"email\":\"a@b.c\"}",
            400,
            "request_type"),
        Arguments.of("POST", "/privacy/data-request", "text/plain", "access", 415, ""),
        Arguments.of(
            "POST",
            "/privacy/data-request",
            JSON,
            "{\"request_type\":\"deletion\",\"email\":\"a@b.c\",\"subject\":\"ab\"}",
            400,
            "subject"),
        Arguments.of(
            "POST",
            "/privacy/data-request",
            JSON,
            "{\"request_type\":\"deletion\",\"email\":\"a@b.c\",\"subject\":\"%%%%\"}",
            400,
            "subject"),
        Arguments.of(
            "POST",
            "/privacy/data-request",
            JSON,
            "{\"request_type\":\"deletion\",\"email\":\"a@b.c\"}",
            400,
            "subject"),
        Arguments.of(
            "POST",
            "/privacy/data-request",
            JSON,
            "{\"request_type\":\"access\",\"email\":\"a@b.c\",\"subject\":\"MFN-1\",\"reference\":\"x\"}",
            400,
            "reference"),
        // unknown routes and methods
        Arguments.of("GET", "/nope", null, null, 404, ""),
        Arguments.of("GET", "/../../etc/passwd", null, null, 400, "Bad request"));
  }

  @ParameterizedTest(name = "{0} {1} [{2}] -> {4}")
  @MethodSource("cases")
  void bad_input_gets_a_documented_4xx_and_changes_nothing(
      String method, String path, String type, String body, int status, String detail) {
    long before = server.jobCount();
    var request =
        server
            .request(path.replace("EXISTING", String.valueOf(existing)))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Authorization", "Bearer " + token);
    if (type != null) {
      request.header("Content-Type", type);
    }

    HttpResponse<String> response = server.send(request);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode error = server.body(response);
    assertThat(error.path("detail").asText()).contains(detail);
    assertThat(error.path("error_type").asText()).isNotEmpty();
    assertThat(error.path("timestamp").asText()).isNotEmpty();
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(server.jobCount()).isEqualTo(before);
    assertThat(server.body(server.get("/jobs/" + existing, token)).path("priority").asInt())
        .isZero();
  }

  @org.junit.jupiter.api.Test
  void a_body_over_the_limit_is_a_413_before_it_is_read_and_changes_nothing() {
    long before = server.jobCount();

    var answer =
        org.rpa.server.RawHttp.declareBody(
            server.server.port(),
            "POST",
            "/jobs",
            java.util.Map.of("Content-Type", JSON, "Authorization", "Bearer " + token),
            1_100_000);

    assertThat(answer.status()).as(answer.body()).isEqualTo(413);
    assertThat(answer.body()).contains("\"error_type\":\"PayloadTooLargeError\"");
    assertThat(server.jobCount()).isEqualTo(before);
  }
}
