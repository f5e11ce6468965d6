package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job history and the job detail over the known {@link FleetHistory}. */
interface JobHistoryContract {
  /** The history the server answers over. */
  FleetHistory history();

  /** {@code GET /api/v1/metrics<path>} with a viewer's token: its 200 body. */
  JsonNode get(String path);

  @Test
  default void the_job_history_lists_runs_newest_first_with_their_robot() {
    JsonNode all = get("/jobs");
    assertThat(all.path("total").asLong()).isEqualTo(16);
    assertThat(all.path("count").asInt()).isEqualTo(16);
    assertThat(all.path("limit").asInt()).isEqualTo(50);
    assertThat(all.path("next_cursor").isNull()).isTrue();
    assertThat(runs(all))
        .containsExactly(
            "j15#1 claimed RUNNING worker-c",
            "j6#1 completed SUCCESS exec-a",
            "j10#1 completed SUCCESS exec-a",
            "j9#1 completed SUCCESS exec-a",
            "j8#1 cancelled CANCELLED worker-c",
            "j7#3 failed FAILED exec-a",
            "j7#2 failed FAILED exec-a",
            "j7#1 failed FAILED exec-a",
            "j6#1 completed SUCCESS exec-b",
            "j5#2 completed SUCCESS exec-a",
            "j5#1 failed TIMEOUT exec-a",
            "j4#2 completed SUCCESS exec-b",
            "j4#1 failed FAILED exec-a",
            "j3#1 failed FAILED exec-a",
            "j2#1 completed SUCCESS exec-a",
            "j1#1 completed SUCCESS exec-a");
    JsonNode first = all.path("jobs").get(13);
    assertThat(first.path("workflow_id").asText()).isEqualTo(FleetHistory.VALIDATION);
    assertThat(first.path("started_at").asText()).isEqualTo("2026-03-02T09:00:03.000Z");
    assertThat(first.path("finished_at").asText()).isEqualTo("2026-03-02T09:00:03.500Z");
    assertThat(first.path("duration_ms").asLong()).isEqualTo(500);
    assertThat(first.path("error").path("type").asText()).isEqualTo("CircuitNotFound");
  }

  @Test
  default void the_job_history_filters_by_robot_status_and_workflow() {
    assertThat(runs(get("/jobs?robot_id=exec-b")))
        .containsExactly("j6#1 completed SUCCESS exec-b", "j4#2 completed SUCCESS exec-b");
    assertThat(get("/jobs?robot_id=exec-b").path("total").asLong()).isEqualTo(2);
    assertThat(runs(get("/jobs?status=failed")))
        .containsExactly(
            "j7#3 failed FAILED exec-a",
            "j7#2 failed FAILED exec-a",
            "j7#1 failed FAILED exec-a",
            "j5#1 failed TIMEOUT exec-a",
            "j4#1 failed FAILED exec-a",
            "j3#1 failed FAILED exec-a");
    JsonNode narrow = get("/jobs?status=failed&robot_id=exec-a&workflow_id=mfn.validation");
    assertThat(narrow.path("total").asLong()).isEqualTo(4);
    assertThat(runs(narrow))
        .hasSize(4)
        .allMatch(run -> run.startsWith("j7#") || run.startsWith("j3#"));
    assertThat(runs(get("/jobs?status=claimed"))).containsExactly("j15#1 claimed RUNNING worker-c");
    assertThat(runs(get("/jobs?status=RUNNING"))).containsExactly("j15#1 claimed RUNNING worker-c");
    assertThat(runs(get("/jobs?status=cancelled")))
        .containsExactly("j8#1 cancelled CANCELLED worker-c");
    assertThat(get("/jobs?status=completed&robot_id=exec-a").path("total").asLong()).isEqualTo(6);
    assertThat(get("/jobs?status=completed,cancelled").path("total").asLong()).isEqualTo(9);
    assertThat(get("/jobs?workflow_id=demo.report").path("total").asLong()).isEqualTo(2);
    JsonNode pending = get("/jobs?status=pending");
    assertThat(pending.path("total").asLong()).isZero();
    assertThat(pending.path("jobs").size()).isZero();
    assertThat(get("/jobs?robot_id=nobody").path("total").asLong()).isZero();
  }

  @Test
  default void the_job_history_pages_with_its_cursor_and_the_total() {
    List<String> seen = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = get("/jobs?limit=5" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.path("total").asLong()).isEqualTo(16);
      assertThat(page.path("limit").asInt()).isEqualTo(5);
      counts.add(page.path("count").asInt());
      seen.addAll(runs(page));
      cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
    } while (cursor != null);
    assertThat(counts).containsExactly(5, 5, 5, 1);
    assertThat(seen).isEqualTo(runs(get("/jobs?limit=500")));
  }

  @Test
  default void a_job_comes_with_its_runs_and_their_steps() {
    JsonNode j4 = get("/jobs/" + history().job("j4"));
    assertThat(j4.path("workflow_id").asText()).isEqualTo(FleetHistory.CANCELLATION);
    assertThat(j4.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(j4.path("executions").findValuesAsText("executor"))
        .containsExactly("exec-a", "exec-b");
    assertThat(j4.path("executions").findValuesAsText("status"))
        .containsExactly("FAILED", "SUCCESS");
    JsonNode j2 = get("/jobs/" + history().job("j2")).path("executions");
    assertThat(j2.size()).isOne();
    assertThat(j2.get(0).path("steps").findValuesAsText("healing"))
        .containsExactly("HEALED", "NOT_HEALED");
    assertThat(j2.get(0).path("steps").findValuesAsText("name")).containsExactly("find", "find");
    assertThat(get("/jobs/" + history().job("j12")).path("executions").size()).isZero();
  }

  /** Each run as {@code j4#2 completed SUCCESS exec-b}: job name, attempt, statuses, robot. */
  default List<String> runs(JsonNode page) {
    List<String> runs = new ArrayList<>();
    for (JsonNode run : page.path("jobs")) {
      runs.add(
          name(run.path("job_id").asLong())
              + "#"
              + run.path("attempt").asInt()
              + " "
              + run.path("status").asText()
              + " "
              + run.path("execution_status").asText()
              + " "
              + run.path("robot_id").asText());
    }
    return runs;
  }

  default String name(long id) {
    for (int i = 1; i <= 15; i++) {
      if (history().job("j" + i) == id) {
        return "j" + i;
      }
    }
    return "#" + id;
  }
}
