package org.rpa.server.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/**
 * Every state-changing operation that {@code /openapi.json} describes leaves one audit line naming
 * who, what, on which target, from where and how it ended; and no log line of the whole run holds a
 * password, a token or a signing secret.
 */
class AuditTrailTest {
  private static final Pattern AUDIT =
      Pattern.compile(
          "audit who=(?<who>\\S+) action=(?<action>\\S+) target=(?<target>\\S+)"
              + " from=(?<from>\\S+) outcome=(?<outcome>\\S+)");
  private static final Map<String, String> BODIES =
      Map.of(
          "POST /jobs",
          "{\"provider\":\"mfn\",\"action\":\"validation\",\"parameters\":{\"circuit\":\"A-1\"}}",
          "PATCH /jobs/{id}",
          "{\"priority\":3}",
          "POST /privacy/data-request",
          "{\"request_type\":\"access\",\"email\":\"a@example.com\",\"subject\":\"A-100\"}",
          "POST /callbacks/job-complete",
          "{\"job_id\":1,\"occurrence\":1,\"attempt\":1,\"executor_id\":\"w\","
              + "\"status\":\"completed\",\"execution_status\":\"SUCCESS\",\"result\":{},\"retryable\":false}");

  @Test
  void every_state_changing_operation_is_audited_and_no_log_line_holds_a_secret() {
    ByteArrayOutputStream everything = new ByteArrayOutputStream();
    PrintStream original = System.err;
    List<String> tokens = new ArrayList<>();
    System.setErr(new PrintStream(everything, true, StandardCharsets.UTF_8));
    try (var server = new TestServer()) {
      String admin = server.adminToken();
      tokens.add(admin);
      tokens.add(server.token("operator", TestServer.PASSWORD));
      server.login("admin", "a-wrong-password-1");
      server.sendJson("POST", "/jobs", BODIES.get("POST /jobs"), admin);
      List<DescribedOperation> changing =
          DescribedOperation.all(server.body(server.get("/openapi.json", null))).stream()
              .filter(operation -> !operation.method().equals("GET"))
              .toList();
      assertThat(changing).hasSizeGreaterThanOrEqualTo(8);

      for (DescribedOperation operation : changing) {
        int mark = everything.size();
        HttpResponse<String> response = send(server, operation, admin);
        String lines = everything.toString(StandardCharsets.UTF_8).substring(mark);
        var audit = AUDIT.matcher(lines);
        assertThat(audit.find())
            .as("%s answered %d and logged: %s", operation, response.statusCode(), lines)
            .isTrue();
        assertThat(audit.group("who")).as(operation.toString()).isNotEqualTo("-");
        assertThat(audit.group("from")).as(operation.toString()).isEqualTo("127.0.0.1");
        assertThat(audit.group("action")).as(operation.toString()).isNotEqualTo("-");
        assertThat(audit.group("target")).as(operation.toString()).isNotEqualTo("-");
      }
    } finally {
      System.setErr(original);
    }
    String log = everything.toString(StandardCharsets.UTF_8);

    assertThat(log)
        .contains("action=login")
        .doesNotContain("a-wrong-password-1")
        .doesNotContain(TestServer.ADMIN_PASSWORD)
        .doesNotContain(TestServer.PASSWORD)
        .doesNotContain(TestServer.SECRET);
    tokens.forEach(token -> assertThat(log).doesNotContain(token));
  }

  private static HttpResponse<String> send(
      TestServer server, DescribedOperation operation, String token) {
    String path =
        operation
            .path()
            .replace("{id}", "1")
            .replace(
                "{name}",
                operation.path().startsWith("/api/system/supervisor") ? "scheduler" : "worker-1");
    String body = BODIES.get(operation.method() + " " + operation.path());
    var request =
        server
            .request(path)
            .method(
                operation.method(),
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (operation.bodyType() != null && operation.bodyType().startsWith("application/x-www")) {
      return server.login("admin", TestServer.ADMIN_PASSWORD);
    }
    if (body != null) {
      request.header("Content-Type", operation.bodyType());
    } else {
      assertThat(operation.bodyType()).as("an example body for " + operation).isNull();
    }
    if (operation.secured() || operation.path().startsWith("/privacy")) {
      request.header("Authorization", "Bearer " + token);
    }
    return server.send(request);
  }
}
