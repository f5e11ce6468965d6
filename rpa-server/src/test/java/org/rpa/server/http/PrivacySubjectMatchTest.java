package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rpa.core.job.JobId;
import org.rpa.server.TestServer;

/**
 * A privacy request matches its subject as a whole value, never as a part of another one: subjects
 * that share a prefix with another customer's ({@code MFN-1000} and {@code MFN-100015}, {@code
 * OSN-} and {@code OSN-2}) or hold LIKE wildcards ({@code A%B_C1}) disclose and change nothing of
 * the other customer's jobs, executions, steps, log, keys or screenshots.
 */
class PrivacySubjectMatchTest {
  private static final List<String> SUBJECTS =
      List.of("MFN-1000", "MFN-100015", "OSN-", "OSN-2", "A%B_C1", "AxxBZC1");
  private TestServer server;
  private String admin;
  private final Map<String, Long> jobs = new LinkedHashMap<>();

  @BeforeEach
  void start() throws Exception {
    server = new TestServer();
    admin = server.adminToken();
    for (String subject : SUBJECTS) {
      long id = submit(subject);
      jobs.put(subject, id);
      var cancel =
          server.send(
              server.request("/jobs/" + id).DELETE().header("Authorization", "Bearer " + admin));
      assertThat(cancel.statusCode()).isEqualTo(200);
      writeHistory(id, subject);
      var evidence = server.server.automation().evidence();
      evidence.save(JobId.of(id), "service page", EvidenceRoutesTest.png(8, 8 + (int) id));
      evidence.subject(JobId.of(id), subject);
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0} does not disclose {1}")
  @CsvSource({"MFN-1000,MFN-100015", "OSN-,OSN-2", "A%B_C1,AxxBZC1"})
  void an_access_request_discloses_only_the_jobs_whose_values_equal_the_subject(
      String subject, String other) {
    var response = request("access", subject);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = server.body(response);
    List<Long> ids = new ArrayList<>();
    body.path("jobs").forEach(job -> ids.add(job.path("job").path("id").asLong()));
    assertThat(ids).containsExactly(jobs.get(subject));
    // The subject's own job names the other value once, in a longer field; nothing else does.
    assertThat(response.body().replace("\"also\":\"" + other + "\"", ""))
        .doesNotContain(other)
        .doesNotContain("/jobs/" + jobs.get(other) + "/");
    assertThat(body.path("jobs").get(0).path("screenshots").size()).isEqualTo(1);
  }

  @ParameterizedTest(name = "erasing {0} leaves {1} untouched")
  @CsvSource({"MFN-1000,MFN-100015", "OSN-,OSN-2", "A%B_C1,AxxBZC1"})
  void a_deletion_erases_whole_values_of_the_subject_and_changes_nothing_of_another(
      String subject, String other) throws Exception {
    Map<String, List<String>> before = new LinkedHashMap<>();
    for (String each : SUBJECTS) {
      before.put(each, snapshot(jobs.get(each)));
    }

    var response = request("deletion", subject);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = server.body(response);
    long mine = jobs.get(subject);
    assertThat(body.path("erased_jobs").toString()).isEqualTo("[" + mine + "]");
    assertThat(body.path("screenshots_deleted").asInt()).isEqualTo(1);
    for (String each : SUBJECTS) {
      if (!each.equals(subject)) {
        assertThat(snapshot(jobs.get(each))).as(each).isEqualTo(before.get(each));
      }
    }
    // What is left of the subject's job names the neighbour, which contains the subject.
    assertThat(String.join("\n", snapshot(mine)))
        .contains(other)
        .satisfies(text -> assertThat(text.replace(other, "")).doesNotContain(subject));
    assertThat(snapshot(mine))
        .contains(
            "jobs params={\"circuit_number\":\"[erased]\",\"customer\":\"Jane Doe\","
                + "\"lines\":[{\"circuit\":\"[erased]\",\"also\":\""
                + other
                + "\"}]}",
            "job_executions result={\"circuit\":\"[erased]\",\"message\":\"Checked [erased]\"}",
            "job_executions error_message=No service found for [erased]",
            "job_steps name=screenshot service [erased]",
            "job_steps details={\"value\":\"[erased]\",\"note\":\""
                + other
                + "\",\"screenshot\":\"[erased]\"}",
            "job_log reason=checked [erased]");
    assertThat(String.join("\n", snapshot(mine))).doesNotContain("job_keys", "evidence");
    JsonNode erased = server.body(server.get("/jobs/" + mine, admin));
    assertThat(erased.path("reference").isNull()).isTrue();
    assertThat(erased.path("idempotency_key").isNull()).isTrue();
  }

  @ParameterizedTest(name = "correcting {0} changes and discloses nothing")
  @CsvSource({"MFN-1000,MFN-100015", "OSN-,OSN-2"})
  void a_correction_request_is_filed_and_changes_or_discloses_nothing(String subject, String other)
      throws Exception {
    List<List<String>> before = new ArrayList<>();
    for (String each : SUBJECTS) {
      before.add(snapshot(jobs.get(each)));
    }

    var response = request("correction", subject);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).doesNotContain(other).doesNotContain(subject);
    List<List<String>> after = new ArrayList<>();
    for (String each : SUBJECTS) {
      after.add(snapshot(jobs.get(each)));
    }
    assertThat(after).isEqualTo(before);
  }

  private long submit(String subject) {
    // Each job also names its prefix-sharing neighbour inside a longer value, which must not count.
    String neighbour = neighbour(subject);
    String body =
        "{\"provider\":\"mfn\",\"action\":\"validation\",\"reference\":\""
            + subject
            + "\",\"idempotency_key\":\""
            + subject
            + "\",\"parameters\":{\"circuit_number\":\""
            + subject
            + "\",\"customer\":\"Jane Doe\",\"lines\":[{\"circuit\":\""
            + subject
            + "\",\"also\":\""
            + neighbour
            + "\"}]}}";
    var response = server.sendJson("POST", "/jobs", body, admin);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return server.body(response).path("id").asLong();
  }

  /** For a subject, the value that merely contains it; for the longer one, a different value. */
  private static String neighbour(String subject) {
    int index = SUBJECTS.indexOf(subject);
    return index % 2 == 0 ? SUBJECTS.get(index + 1) : "unrelated-" + index;
  }

  /** An execution, a step and a log line that mention the subject, as a flow writes them. */
  private void writeHistory(long id, String subject) throws SQLException {
    OffsetDateTime at = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    String neighbour = neighbour(subject);
    try (Connection connection = connect()) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO job_executions (job_id, attempt, occurrence, status, executor,"
                  + " started_at, result, error_message) VALUES (?, 1, 0, 'FAILED', 'w1', ?, ?, ?)")) {
        insert.setLong(1, id);
        insert.setObject(2, at);
        insert.setString(
            3, "{\"circuit\":\"" + subject + "\",\"message\":\"Checked " + subject + "\"}");
        insert.setString(4, "No service found for " + subject);
        insert.executeUpdate();
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO job_steps (job_id, occurrence, attempt, seq, name, outcome,"
                  + " duration_ms, at, details) VALUES (?, 0, 1, 1, ?, 'PASSED', 5, ?, ?)")) {
        insert.setLong(1, id);
        insert.setString(2, "screenshot service " + subject);
        insert.setObject(3, at);
        String screenshot = "0001-service-" + fileName(subject) + ".png";
        insert.setString(
            4,
            "{\"value\":\""
                + subject
                + "\",\"note\":\""
                + neighbour
                + "\",\"screenshot\":\""
                + screenshot
                + "\"}");
        insert.executeUpdate();
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO job_log (job_id, attempt, from_status, to_status, at, reason)"
                  + " VALUES (?, 1, 'RUNNING', 'FAILED', ?, ?)")) {
        insert.setLong(1, id);
        insert.setObject(2, at);
        insert.setString(3, "checked " + subject);
        insert.executeUpdate();
      }
    }
  }

  /** The subject as a screenshot's file name spells it. */
  private static String fileName(String subject) {
    return subject
        .toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
  }

  /** Every stored value of one job, "table column=value", and its evidence files' bytes. */
  private List<String> snapshot(long id) throws SQLException, IOException {
    List<String> values = new ArrayList<>();
    try (Connection connection = connect()) {
      for (String table : List.of("jobs", "job_executions", "job_steps", "job_log", "job_keys")) {
        String key = table.equals("jobs") ? "id" : "job_id";
        try (PreparedStatement query =
            connection.prepareStatement(
                "SELECT * FROM " + table + " WHERE " + key + " = ? ORDER BY 1")) {
          query.setLong(1, id);
          try (ResultSet rows = query.executeQuery()) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
              for (int i = 1; i <= columns; i++) {
                String column = rows.getMetaData().getColumnName(i).toLowerCase();
                values.add(table + " " + column + "=" + rows.getString(i));
              }
            }
          }
        }
      }
    }
    Path folder = server.evidence.resolve(String.valueOf(id));
    if (Files.isDirectory(folder)) {
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.sorted().toList()) {
          values.add(
              "evidence "
                  + file.getFileName()
                  + "="
                  + HexFormat.of().formatHex(Files.readAllBytes(file)));
        }
      }
    }
    return values;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(server.server.config().databaseUrl());
  }

  private java.net.http.HttpResponse<String> request(String type, String subject) {
    return server.sendJson(
        "POST",
        "/privacy/data-request",
        "{\"request_type\":\""
            + type
            + "\",\"email\":\"jane@example.com\",\"subject\":\""
            + subject
            + "\"}",
        admin);
  }
}
