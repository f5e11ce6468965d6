package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpa.core.analytics.ExecutionFilter;
import org.rpa.server.TestServer;

/**
 * The monitoring routes refuse a value outside their sets, a limit out of range or not a number, an
 * unparsable date, dates in the wrong order, an unknown status or parameter (400) and an unknown
 * job (404), with the error body naming what was wrong, and change nothing.
 */
class MonitoringBadInputTest {
  private static TestServer server;
  private static String token;
  private static String logs;

  @BeforeAll
  static void start() {
    server = new TestServer();
    token = server.adminToken();
    var created =
        server.sendJson("POST", "/jobs", "{\"provider\":\"mfn\",\"action\":\"validation\"}", token);
    logs = "/api/jobs/" + server.body(created).path("id").asLong() + "/logs";
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_period_outside_the_set_is_a_400_naming_it() {
    for (String period : List.of("2h", "24H", "1d", "", "30d%20", "-1h")) {
      assertRefused("/api/system/stats?period=" + period, 400, "period");
    }
  }

  @Test
  void a_limit_or_offset_out_of_range_or_not_a_number_is_a_400_naming_it() {
    for (String limit : List.of("0", "101", "-1", "abc", "1.5", "", "99999999999")) {
      assertRefused(logs + "?limit=" + limit, 400, "limit");
      assertRefused("/api/logs/recent?limit=" + limit, 400, "limit");
    }
    for (String offset : List.of("-1", "x", "2.0")) {
      assertRefused(logs + "?offset=" + offset, 400, "offset");
    }
    assertThat(server.get(logs + "?limit=100", token).statusCode()).isEqualTo(200);
    assertThat(server.get("/api/logs/recent?limit=100", token).statusCode()).isEqualTo(200);
  }

  @Test
  void an_unknown_status_or_a_bad_task_type_is_a_400() {
    for (String status : List.of("RUNNING", "DONE", "success,failed", "")) {
      assertRefused(logs + "?status=" + status, 400, "status");
      assertRefused("/api/logs/recent?status=" + status, 400, "status");
    }
    assertRefused("/api/logs/recent?taskType=validation", 400, "job_type");
    for (String status : List.of("SUCCESS", "FAILED", "TIMEOUT", "CANCELLED", "timeout")) {
      assertThat(server.get(logs + "?status=" + status, token).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void an_unparsable_date_or_dates_in_the_wrong_order_are_a_400() {
    for (String date : List.of("yesterday", "2026-13-01", "2026-01-28T15:00:00", "1700000000")) {
      assertRefused(logs + "?fromDate=" + date, 400, "fromDate");
      assertRefused(logs + "?toDate=" + date, 400, "toDate");
    }
    assertRefused(
        logs + "?fromDate=2026-01-29T00:00:00Z&toDate=2026-01-28T00:00:00Z", 400, "toDate");
    assertRefused(
        logs + "?fromDate=2026-01-28T00:00:00Z&toDate=2026-01-28T00:00:00Z", 400, "toDate");
    assertRefused(logs + "?fromDate=2026-01-29&toDate=2026-01-28", 400, "toDate");
  }

  @Test
  void an_unknown_parameter_is_a_400_and_an_unknown_or_bad_job_id_a_404_or_400() {
    assertRefused(logs + "?page=2", 400, "page");
    assertRefused("/api/system/stats/live?period=1h", 400, "period");
    assertRefused("/api/system/workers?limit=5", 400, "limit");
    assertRefused("/api/logs/recent?offset=1", 400, "offset");
    assertRefused("/api/jobs/999/logs", 404, "999");
    assertRefused("/api/jobs/999/logs/summary", 404, "999");
    assertRefused("/api/jobs/abc/logs", 400, "job_id");
    assertRefused("/api/jobs/0/logs/summary", 400, "job_id");
  }

  private static void assertRefused(String path, int status, String named) {
    long jobs = server.jobCount();
    long executions =
        server.server.orchestrator().analytics().countExecutions(ExecutionFilter.all());
    HttpResponse<String> response = server.get(path, token);

    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(status);
    JsonNode error = server.body(response);
    assertThat(error.path("detail").asText()).as(path).contains(named);
    assertThat(error.path("error_type").asText())
        .isEqualTo(status == 404 ? "NotFoundError" : "ValidationError");
    assertThat(error.path("timestamp").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
    assertThat(server.jobCount()).isEqualTo(jobs);
    assertThat(server.server.orchestrator().analytics().countExecutions(ExecutionFilter.all()))
        .isEqualTo(executions);
  }
}
