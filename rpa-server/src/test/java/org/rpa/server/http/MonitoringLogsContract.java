package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/jobs/{id}/logs}, {@code /api/jobs/{id}/logs/summary} and {@code /api/logs/recent}.
 */
interface MonitoringLogsContract extends MonitoringReader {
  String J7_FAILURE =
      "'status':'FAILED','duration':100,'isRetry':%s,'executedAt':'2026-03-02T10:15:%s.000Z',"
          + "'completedAt':'2026-03-02T10:15:%s.100Z','workerId':'exec-a','result':null,"
          + "'error':{'message':'502 from the portal','code':'PortalDown'}";

  private String j7(int attempt) {
    String second = String.format("%02d", attempt * 5);
    return "{'attempt':"
        + attempt
        + ","
        + String.format(J7_FAILURE, attempt > 0, second, second)
        + "}";
  }

  private String pagination(int total, int limit, int offset, boolean more) {
    return String.format(
        "{'total':%d,'limit':%d,'offset':%d,'hasMore':%s}", total, limit, offset, more);
  }

  @Test
  default void a_jobs_logs_come_newest_first_with_attempts_counted_from_zero() {
    JsonNode data = data("/api/jobs/" + history().id("j7") + "/logs");

    assertThat(data.path("job"))
        .isEqualTo(
            json(
                "{'id':<j7>,'name':'mfn.validation','taskType':'mfn.validation','status':'FAILED'}"));
    assertThat(ids(data.path("logs"))).hasSize(3);
    assertThat(withoutIds(data.path("logs")))
        .containsExactly(json(j7(2)), json(j7(1)), json(j7(0)));
    assertThat(data.path("pagination")).isEqualTo(json(pagination(3, 20, 0, false)));
  }

  @Test
  default void a_success_carries_its_result_and_the_job_is_named_by_its_reference() {
    JsonNode data = data("/api/jobs/" + history().id("j1") + "/logs");

    assertThat(data.path("job").path("name").asText()).isEqualTo("Circuit S-1 check");
    assertThat(data.path("job").path("status").asText()).isEqualTo("COMPLETED");
    assertThat(withoutIds(data.path("logs")))
        .containsExactly(
            json(
                "{'status':'SUCCESS','duration':1000,'attempt':0,'isRetry':false,"
                    + "'executedAt':'2026-03-02T09:00:00.000Z',"
                    + "'completedAt':'2026-03-02T09:00:01.000Z','workerId':'exec-a',"
                    + "'result':{'checked':true},'error':null}"));
  }

  @Test
  default void pages_of_a_jobs_logs_say_whether_more_follow() {
    String j7 = "/api/jobs/" + history().id("j7") + "/logs";

    JsonNode first = data(j7 + "?limit=2");
    assertThat(withoutIds(first.path("logs"))).containsExactly(json(j7(2)), json(j7(1)));
    assertThat(first.path("pagination")).isEqualTo(json(pagination(3, 2, 0, true)));
    JsonNode last = data(j7 + "?limit=2&offset=2");
    assertThat(withoutIds(last.path("logs"))).containsExactly(json(j7(0)));
    assertThat(last.path("pagination")).isEqualTo(json(pagination(3, 2, 2, false)));
    JsonNode beyond = data(j7 + "?offset=5");
    assertThat(beyond.path("logs")).isEmpty();
    assertThat(beyond.path("pagination")).isEqualTo(json(pagination(3, 20, 5, false)));
  }

  @Test
  default void a_jobs_logs_filter_by_status_and_by_start_date() {
    String j5 = "/api/jobs/" + history().id("j5") + "/logs";
    JsonNode timeout = data(j5 + "?status=TIMEOUT");
    assertThat(timeout.path("logs")).hasSize(1);
    assertThat(timeout.path("logs").get(0).path("duration").asLong()).isEqualTo(31_000);
    assertThat(timeout.path("logs").get(0).path("error").path("code").asText())
        .isEqualTo("Timeout");
    assertThat(timeout.path("pagination")).isEqualTo(json(pagination(1, 20, 0, false)));
    assertThat(data(j5 + "?status=SUCCESS").path("logs").get(0).path("attempt").asInt())
        .isEqualTo(1);
    assertThat(data(j5 + "?status=FAILED").path("logs")).isEmpty();

    String j4 = "/api/jobs/" + history().id("j4") + "/logs";
    assertThat(attempts(data(j4 + "?fromDate=2026-03-02T09:00:05Z"))).isEqualTo("1");
    assertThat(attempts(data(j4 + "?toDate=2026-03-02T09:00:05.000Z"))).isEqualTo("0");
    assertThat(
            attempts(data(j4 + "?fromDate=2026-03-02T09:00:03.500Z&toDate=2026-03-02T09:00:10Z")))
        .isEqualTo("0");
    assertThat(attempts(data(j4 + "?fromDate=2026-03-02&toDate=2026-03-02"))).isEqualTo("1,0");
    JsonNode none = data(j4 + "?toDate=2026-03-01");
    assertThat(none.path("logs")).isEmpty();
    assertThat(none.path("pagination")).isEqualTo(json(pagination(0, 20, 0, false)));
    assertThat(
            data(j4 + "?status=FAILED&fromDate=2026-03-02")
                .path("pagination")
                .path("total")
                .asInt())
        .isEqualTo(1);
  }

  private static String attempts(JsonNode data) {
    var attempts = new java.util.ArrayList<String>();
    data.path("logs").forEach(log -> attempts.add(log.path("attempt").asText()));
    return String.join(",", attempts);
  }

  @Test
  default void a_cancelled_and_a_running_execution_have_no_duration_and_occurrences_restart_at_0() {
    JsonNode cancelled = data("/api/jobs/" + history().id("j8") + "/logs").path("logs").get(0);
    assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(cancelled.path("duration").isNull()).isTrue();
    assertThat(cancelled.path("completedAt").asText()).isEqualTo("2026-03-02T10:20:30.000Z");
    assertThat(cancelled.path("workerId").asText()).isEqualTo("worker-c");
    assertThat(cancelled.path("error").path("code").asText()).isEqualTo("Cancelled");
    JsonNode running = data("/api/jobs/" + history().id("j15") + "/logs").path("logs").get(0);
    assertThat(running.path("status").asText()).isEqualTo("RUNNING");
    assertThat(running.path("duration").isNull()).isTrue();
    assertThat(running.path("completedAt").isNull()).isTrue();
    assertThat(running.path("error").isNull()).isTrue();
    JsonNode recurring = data("/api/jobs/" + history().id("j6") + "/logs").path("logs");
    assertThat(recurring).hasSize(2);
    assertThat(recurring.get(0).path("status").asText()).isEqualTo("FAILED");
    assertThat(recurring.get(0).path("attempt").asInt()).isZero();
    assertThat(recurring.get(1).path("status").asText()).isEqualTo("SUCCESS");
    assertThat(recurring.get(1).path("workerId").asText()).isEqualTo("exec-b");
  }

  @Test
  default void a_jobs_summary_counts_its_finished_executions_of_every_age() {
    assertThat(data("/api/jobs/" + history().id("j7") + "/logs/summary"))
        .isEqualTo(
            json(
                "{'job':{'id':<j7>,'name':'mfn.validation','taskType':'mfn.validation',"
                    + "'currentStatus':'FAILED'},'summary':{'totalExecutions':3,'successCount':0,"
                    + "'failedCount':3,'timeoutCount':0,'cancelledCount':0,'retryCount':2,"
                    + "'successRate':'0.00%','avgDuration':100,'maxDuration':100,"
                    + "'minDuration':100,'firstExecution':'2026-03-02T10:15:00.000Z',"
                    + "'lastExecution':'2026-03-02T10:15:10.000Z'}}"));
    assertThat(data("/api/jobs/" + history().id("j5") + "/logs/summary").path("summary"))
        .isEqualTo(
            json(
                "{'totalExecutions':2,'successCount':1,'failedCount':0,'timeoutCount':1,"
                    + "'cancelledCount':0,'retryCount':1,'successRate':'50.00%',"
                    + "'avgDuration':15900,'maxDuration':31000,'minDuration':800,"
                    + "'firstExecution':'2026-03-02T09:30:00.000Z',"
                    + "'lastExecution':'2026-03-02T09:30:40.000Z'}"));
    assertThat(data("/api/jobs/" + history().id("j11") + "/logs/summary"))
        .isEqualTo(
            json(
                "{'job':{'id':<j11>,'name':'mfn.validation','taskType':'mfn.validation',"
                    + "'currentStatus':'SCHEDULED'},'summary':{'totalExecutions':0,"
                    + "'successCount':0,'failedCount':0,'timeoutCount':0,'cancelledCount':0,"
                    + "'retryCount':0,'successRate':'0.00%','avgDuration':0,'maxDuration':0,"
                    + "'minDuration':0,'firstExecution':null,'lastExecution':null}}"));
  }

  @Test
  default void recent_logs_list_every_jobs_executions_newest_first() {
    JsonNode data = data("/api/logs/recent");

    assertThat(labels(data.path("logs")))
        .containsExactly(
            "j15.0 RUNNING",
            "j6.0 FAILED",
            "j10.0 SUCCESS",
            "j9.0 SUCCESS",
            "j8.0 CANCELLED",
            "j7.2 FAILED",
            "j7.1 FAILED",
            "j7.0 FAILED",
            "j6.0 SUCCESS",
            "j5.1 SUCCESS",
            "j5.0 TIMEOUT",
            "j4.1 SUCCESS",
            "j4.0 FAILED",
            "j3.0 FAILED",
            "j2.0 SUCCESS",
            "j1.0 SUCCESS");
    assertThat(data.path("count").asInt()).isEqualTo(16);
    ids(data.path("logs"));
    assertThat(withoutIds(data.path("logs")).get(0))
        .isEqualTo(
            json(
                "{'jobId':<j15>,'jobName':'osn.cancellation','taskType':'osn.cancellation',"
                    + "'status':'RUNNING','duration':null,'attempt':0,"
                    + "'executedAt':'2026-03-02T11:05:06.000Z','workerId':'exec-b'}"));
    assertThat(withoutIds(data.path("logs")).get(15))
        .isEqualTo(
            json(
                "{'jobId':<j1>,'jobName':'Circuit S-1 check','taskType':'mfn.validation',"
                    + "'status':'SUCCESS','duration':1000,'attempt':0,"
                    + "'executedAt':'2026-03-02T09:00:00.000Z','workerId':'exec-a'}"));
  }

  @Test
  default void recent_logs_filter_by_status_and_task_type_and_stop_at_the_limit() {
    JsonNode three = data("/api/logs/recent?limit=3");
    assertThat(labels(three.path("logs")))
        .containsExactly("j15.0 RUNNING", "j6.0 FAILED", "j10.0 SUCCESS");
    assertThat(three.path("count").asInt()).isEqualTo(3);
    assertThat(labels(data("/api/logs/recent?status=FAILED").path("logs")))
        .containsExactly(
            "j6.0 FAILED",
            "j7.2 FAILED",
            "j7.1 FAILED",
            "j7.0 FAILED",
            "j4.0 FAILED",
            "j3.0 FAILED");
    assertThat(labels(data("/api/logs/recent?taskType=osn.cancellation").path("logs")))
        .containsExactly(
            "j15.0 RUNNING",
            "j10.0 SUCCESS",
            "j8.0 CANCELLED",
            "j5.1 SUCCESS",
            "j5.0 TIMEOUT",
            "j4.1 SUCCESS",
            "j4.0 FAILED");
    JsonNode both = data("/api/logs/recent?status=SUCCESS&taskType=osn.cancellation&limit=2");
    assertThat(labels(both.path("logs"))).containsExactly("j10.0 SUCCESS", "j5.1 SUCCESS");
    assertThat(both.path("count").asInt()).isEqualTo(2);
    assertThat(data("/api/logs/recent?taskType=evotel.validation").path("count").asInt()).isZero();
  }
}
