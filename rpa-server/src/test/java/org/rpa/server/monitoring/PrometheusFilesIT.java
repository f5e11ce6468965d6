package org.rpa.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of {@code docs/prometheus} pass Debian's {@code promtool}: the configuration's syntax,
 * the alert rules, the rules' own unit tests, and every PromQL expression of the Grafana dashboard
 * (checked as recording rules); the dashboard is JSON Grafana imports (a datasource variable, each
 * panel with an id, a place and queries).
 */
class PrometheusFilesIT {
  @Test
  void the_configuration_passes_promtool_check_config() throws Exception {
    // The credentials file names a path on the Prometheus host: only the syntax is checked here;
    // PrometheusServerIT checks its templated copy in full, with the token file and the rules.
    PrometheusFiles.Run run =
        PrometheusFiles.promtool(
            PrometheusFiles.directory(),
            "check",
            "config",
            "--syntax-only",
            PrometheusFiles.CONFIG);

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS");
  }

  @Test
  void the_alert_rules_pass_promtool_check_rules_and_their_tests() throws Exception {
    PrometheusFiles.Run check =
        PrometheusFiles.promtool(
            PrometheusFiles.directory(), "check", "rules", PrometheusFiles.RULES);
    PrometheusFiles.Run tests =
        PrometheusFiles.promtool(
            PrometheusFiles.directory(), "test", "rules", PrometheusFiles.RULE_TESTS);

    assertThat(check.exit()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 12 rules found");
    assertThat(tests.exit()).as(tests.output()).isZero();
    assertThat(tests.output()).contains("SUCCESS");
    assertThat(PrometheusFiles.read(PrometheusFiles.RULES))
        .contains(
            "alert: HighFailureRate",
            "alert: NoRecentExecutions",
            "alert: DatabaseUnhealthy",
            "alert: JobFailureRate",
            "alert: QueueSize",
            "alert: WorkerUtilization",
            "alert: NoWorkerOnline",
            "alert: SchedulerNotRunning");
  }

  @Test
  void the_dashboard_is_grafana_json_whose_queries_promtool_accepts(@TempDir Path directory)
      throws Exception {
    JsonNode dashboard =
        new ObjectMapper().readTree(PrometheusFiles.read(PrometheusFiles.DASHBOARD));

    assertThat(dashboard.path("uid").asText()).isEqualTo("rpa-orchestrator");
    JsonNode variable = dashboard.path("templating").path("list").path(0);
    assertThat(variable.path("type").asText()).isEqualTo("datasource");
    assertThat(variable.path("query").asText()).isEqualTo("prometheus");
    List<String> expressions = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("unique panel id").isTrue();
      assertThat(panel.path("title").asText()).isNotBlank();
      assertThat(panel.path("type").asText()).isIn("stat", "timeseries");
      assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
      assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      assertThat(panel.path("targets")).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("expr").asText()).isNotBlank();
        expressions.add(target.path("expr").asText());
      }
    }
    assertThat(ids).hasSizeGreaterThanOrEqualTo(10);

    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    for (int i = 0; i < expressions.size(); i++) {
      rules.append("      - record: dashboard:query_").append(i).append('\n');
      rules.append("        expr: '").append(expressions.get(i).replace("'", "''")).append("'\n");
    }
    Files.writeString(directory.resolve("dashboard.yml"), rules, StandardCharsets.UTF_8);
    PrometheusFiles.Run check =
        PrometheusFiles.promtool(directory, "check", "rules", "dashboard.yml");

    assertThat(check.exit()).as(check.output() + rules).isZero();
    assertThat(check.output()).contains("SUCCESS: " + expressions.size() + " rules found");
  }
}
