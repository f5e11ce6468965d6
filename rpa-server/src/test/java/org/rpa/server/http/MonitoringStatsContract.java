package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code /api/system/stats}, {@code stats/live}, {@code workers} and {@code health}. */
interface MonitoringStatsContract extends MonitoringReader {
  String JOBS =
      "{'total':15,'byStatus':{'PENDING':1,'SCHEDULED':2,'QUEUED':2,'RUNNING':1,'COMPLETED':6,"
          + "'FAILED':2,'CANCELLED':1},'byType':{'ONE_TIME':13,'RECURRING':2},'active':3,"
          + "'failed':2}";

  @Test
  default void a_days_stats_count_every_finished_execution_by_type_and_hour() {
    JsonNode day = data("/api/system/stats?period=24h");

    assertThat(day)
        .isEqualTo(
            json(
                "{'period':'24h','periodStart':'2026-03-01T11:05:06.000Z','jobs':"
                    + JOBS
                    + ",'executions':{'total':15,'success':7,'failed':6,'timeout':1,'cancelled':1,"
                    + "'retries':4,'successRate':'46.67%','avgDuration':3300,'maxDuration':31000},"
                    + "'executionsByTaskType':["
                    + "{'taskType':'mfn.validation','count':7,'successCount':3,"
                    + "'successRate':'42.86%','avgDuration':971},"
                    + "{'taskType':'osn.cancellation','count':6,'successCount':3,"
                    + "'successRate':'50.00%','avgDuration':6960},"
                    + "{'taskType':'octotel.validation','count':2,'successCount':1,"
                    + "'successRate':'50.00%','avgDuration':2300}],"
                    + "'hourlyTrend':["
                    + "{'_id':'2026-03-02 09:00','total':7,'success':4,'failed':3},"
                    + "{'_id':'2026-03-02 10:00','total':5,'success':1,'failed':3},"
                    + "{'_id':'2026-03-02 11:00','total':3,'success':2,'failed':1}]}"));
    assertThat(data("/api/system/stats")).isEqualTo(day);
  }

  @Test
  default void the_last_hours_stats_hold_only_what_finished_in_it() {
    assertThat(data("/api/system/stats?period=1h"))
        .isEqualTo(
            json(
                "{'period':'1h','periodStart':'2026-03-02T10:05:06.000Z','jobs':"
                    + JOBS
                    + ",'executions':{'total':7,'success':2,'failed':4,'timeout':0,'cancelled':1,"
                    + "'retries':2,'successRate':'28.57%','avgDuration':900,'maxDuration':3000},"
                    + "'executionsByTaskType':["
                    + "{'taskType':'mfn.validation','count':4,'successCount':1,"
                    + "'successRate':'25.00%','avgDuration':825},"
                    + "{'taskType':'osn.cancellation','count':2,'successCount':1,"
                    + "'successRate':'50.00%','avgDuration':1500},"
                    + "{'taskType':'octotel.validation','count':1,'successCount':0,"
                    + "'successRate':'0.00%','avgDuration':600}],"
                    + "'hourlyTrend':["
                    + "{'_id':'2026-03-02 10:00','total':4,'success':0,'failed':3},"
                    + "{'_id':'2026-03-02 11:00','total':3,'success':2,'failed':1}]}"));
    assertThat(data("/api/system/stats?period=30d").path("periodStart").asText())
        .isEqualTo("2026-01-31T11:05:06.000Z");
    assertThat(data("/api/system/stats?period=7d").path("executions").path("total").asInt())
        .isEqualTo(15);
    assertThat(data("/api/system/stats?period=6h").path("executions").path("total").asInt())
        .isEqualTo(15);
  }

  @Test
  default void live_stats_count_running_and_scheduled_jobs_and_the_last_five_minutes() {
    HttpResponse<String> response = get("/api/system/stats/live");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(server().body(response))
        .isEqualTo(
            json(
                "{'timestamp':'2026-03-02T11:05:06.000Z','running':1,'scheduled':2,"
                    + "'executions':{'last5min':3,'failedLast5min':1}}"));
  }

  @Test
  default void workers_are_the_fleet_with_their_executions_of_the_last_day() {
    // exec-a stopped; the server runs no jobs here (MAX_WORKERS=0), so it is offline too.
    var fleet = server().server.orchestrator().fleet().executors();
    String host = fleet.get(0).host();
    String server = server().server.orchestrator().executorId();

    assertThat(data("/api/system/workers"))
        .isEqualTo(
            json(
                "{'workers':["
                    + "{'workerId':'exec-a','host':'"
                    + host
                    + "','status':'offline','executions':12,'successRate':'41.67%',"
                    + "'avgDuration':3417,'lastSeen':'2026-03-02T11:05:00.000Z','activeJobs':0},"
                    + "{'workerId':'exec-b','host':'"
                    + host
                    + "','status':'idle','executions':2,'successRate':'100.00%',"
                    + "'avgDuration':2600,'lastSeen':'2026-03-02T11:05:06.000Z','activeJobs':0},"
                    + "{'workerId':'"
                    + server
                    + "','host':'"
                    + host
                    + "','status':'offline','executions':0,'successRate':'0.00%',"
                    + "'avgDuration':0,'lastSeen':'2026-03-02T11:05:06.000Z','activeJobs':0}],"
                    + "'totalWorkers':3,'activeWorkers':1}"));
  }

  @Test
  default void health_is_open_and_reports_each_component_with_the_schedulers_figures() {
    HttpResponse<String> response = server().get("/api/system/health", null);
    JsonNode health = server().body(response);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(health.path("status").asText()).isIn("healthy", "degraded");
    assertThat(health.path("timestamp").asText()).isEqualTo("2026-03-02T11:05:06.000Z");
    assertThat(health.path("uptime").asLong()).isZero();
    assertThat(health.path("responseTime").asLong()).isNotNegative();
    JsonNode components = health.path("components");
    assertThat(components.path("database").path("status").asText()).isEqualTo("healthy");
    assertThat(components.path("database").path("state").asText()).isEqualTo("connected");
    assertThat(components.path("database").path("latency").isIntegralNumber()).isTrue();
    assertThat(components.path("scheduler"))
        .isEqualTo(json("{'status':'healthy','recentExecutions':3,'pendingJobs':2}"));
    JsonNode system = components.path("system");
    assertThat(system.path("memory").path("total").asLong()).isPositive();
    assertThat(system.path("memory").path("free").asLong())
        .isBetween(0L, system.path("memory").path("total").asLong());
    assertThat(system.path("memory").path("usagePercent").asText()).matches("\\d{1,3}\\.\\d{2}%");
    assertThat(system.path("cpu").path("cores").asInt())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(system.path("cpu").path("loadAverage")).hasSize(3);
    system.path("cpu").path("loadAverage").forEach(load -> assertThat(load.isNumber()).isTrue());
    JsonNode process = components.path("process");
    assertThat(process.path("status").asText()).isIn("healthy", "degraded");
    assertThat(process.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
    assertThat(process.path("memory").path("heapUsed").asLong()).isPositive();
    assertThat(process.path("memory").path("heapTotal").asLong())
        .isGreaterThanOrEqualTo(process.path("memory").path("heapUsed").asLong());
  }
}
