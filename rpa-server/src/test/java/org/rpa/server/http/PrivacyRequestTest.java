package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.JobId;
import org.rpa.server.TestServer;

/**
 * POPIA requests: recorded for anyone, carried out only with {@code privacy:execute}; a deletion
 * leaves nothing about the subject in any table or in the evidence directory.
 */
class PrivacyRequestTest {
  private static final String SUBJECT = "MFN-777001";
  private static final String OTHER = "MFN-888002";
  private TestServer server;
  private String admin;
  private long first;
  private long second;
  private long unfinished;
  private long unrelated;
  private long otherCase;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer();
    admin = server.adminToken();
    first = submit(SUBJECT, SUBJECT);
    second = submit(SUBJECT, null);
    // Another spelling is another subject: matching is exact, case included.
    otherCase = submit(SUBJECT.toLowerCase(Locale.ROOT), null);
    unfinished = submit(SUBJECT, null);
    unrelated = submit(OTHER, null);
    for (long id : new long[] {first, second, unrelated, otherCase}) {
      assertThat(
              server
                  .send(
                      server
                          .request("/jobs/" + id)
                          .DELETE()
                          .header("Authorization", "Bearer " + admin))
                  .statusCode())
          .isEqualTo(200);
      var evidence = server.server.automation().evidence();
      evidence.save(JobId.of(id), "service page", EvidenceRoutesTest.png(8, 8));
      evidence.subject(
          JobId.of(id),
          id == unrelated ? OTHER : id == otherCase ? SUBJECT.toLowerCase(Locale.ROOT) : SUBJECT);
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void without_a_token_the_request_is_recorded_and_nothing_is_disclosed_or_erased()
      throws Exception {
    List<String> before = mentions(SUBJECT);

    var response = request("deletion", null);

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode body = server.body(response);
    assertThat(body.path("status").asText()).isEqualTo("received");
    assertThat(response.body()).doesNotContain(SUBJECT);
    assertThat(mentions(SUBJECT)).isEqualTo(before).isNotEmpty();
    assertThat(server.evidence.resolve(String.valueOf(first))).exists();
  }

  @Test
  void a_caller_without_privacy_execute_is_refused_and_a_bad_token_is_not_anonymous()
      throws Exception {
    List<String> before = mentions(SUBJECT);
    String operator = server.token("operator", TestServer.PASSWORD);

    assertThat(request("deletion", operator).statusCode()).isEqualTo(403);
    assertThat(request("access", operator).statusCode()).isEqualTo(403);
    assertThat(request("deletion", "not.a.token").statusCode()).isEqualTo(401);
    assertThat(mentions(SUBJECT)).isEqualTo(before);
  }

  @Test
  void an_access_request_returns_every_job_about_the_subject_with_its_screenshots() {
    var response = request("access", admin);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = server.body(response);
    assertThat(body.path("count").asInt()).isEqualTo(3);
    List<Long> ids = new ArrayList<>();
    body.path("jobs").forEach(job -> ids.add(job.path("job").path("id").asLong()));
    assertThat(ids).containsExactly(first, second, unfinished);
    JsonNode firstJob = body.path("jobs").get(0);
    assertThat(firstJob.path("job").path("parameters").path("circuit_number").asText())
        .isEqualTo(SUBJECT);
    assertThat(firstJob.path("screenshots").get(0).path("name").asText())
        .isEqualTo("0001-service-page.png");
  }

  @Test
  void a_deletion_erases_the_subject_from_every_table_and_the_evidence_directory()
      throws Exception {
    var response = request("deletion", admin);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = server.body(response);
    assertThat(body.path("status").asText()).isEqualTo("completed");
    assertThat(body.path("erased_jobs").toString()).isEqualTo("[" + first + "," + second + "]");
    assertThat(body.path("unfinished_jobs").toString()).isEqualTo("[" + unfinished + "]");
    assertThat(body.path("screenshots_deleted").asInt()).isEqualTo(2);

    assertThat(mentions(SUBJECT)).containsOnly("jobs " + unfinished, "jobs " + otherCase);
    assertThat(Files.list(server.evidence.resolve(String.valueOf(otherCase)))).isNotEmpty();
    assertThat(server.evidence.resolve(String.valueOf(first))).doesNotExist();
    assertThat(server.evidence.resolve(String.valueOf(second))).doesNotExist();
    assertThat(mentions(OTHER)).isNotEmpty();
    assertThat(Files.list(server.evidence.resolve(String.valueOf(unrelated)))).isNotEmpty();
    JsonNode erased = server.body(server.get("/jobs/" + first, admin));
    assertThat(erased.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(erased.path("parameters").path("circuit_number").asText()).isEqualTo("[erased]");
    assertThat(erased.path("parameters").path("customer").asText()).isEqualTo("Jane Doe");
    assertThat(erased.path("reference").isNull()).isTrue();
  }

  private long submit(String circuit, String reference) {
    String body =
        "{\"provider\":\"mfn\",\"action\":\"validation\",\"parameters\":{\"circuit_number\":\""
            + circuit
            + "\",\"customer\":\"Jane Doe\"}"
            + (reference == null ? "" : ",\"reference\":\"" + reference + "\"")
            + "}";
    var response = server.sendJson("POST", "/jobs", body, admin);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return server.body(response).path("id").asLong();
  }

  private java.net.http.HttpResponse<String> request(String type, String token) {
    return server.sendJson(
        "POST",
        "/privacy/data-request",
        "{\"request_type\":\""
            + type
            + "\",\"email\":\"jane@example.com\",\"subject\":\""
            + SUBJECT
            + "\"}",
        token);
  }

  /** "table job_id" for every row of every job table with a text column mentioning {@code text}. */
  private List<String> mentions(String text) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection connection =
        DriverManager.getConnection(server.server.config().databaseUrl())) {
      for (String table : List.of("jobs", "job_executions", "job_steps", "job_log", "job_keys")) {
        String id = table.equals("jobs") ? "id" : "job_id";
        try (ResultSet rows =
            connection
                .createStatement()
                .executeQuery("SELECT * FROM " + table + " ORDER BY " + id)) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int i = 1; i <= columns; i++) {
              String value = rows.getString(i);
              if (value != null
                  && value.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT))) {
                found.add(table + " " + rows.getLong(id));
                break;
              }
            }
          }
        }
      }
    }
    return found;
  }
}
