package org.rpa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmark still works: every library runs a few hundred jobs through every phase on an H2
 * file database, each job runs, none twice; and the monitoring mode seeds a small store, measures
 * every endpoint's calls and drains with and without the poller. Small N, so it stays in the normal
 * build's budget; the real run is {@code ./bench}. Nothing here asserts a speed.
 */
class BenchSmokeTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"memory", "rpa", "db-scheduler", "quartz", "jobrunr"})
  void everyJobRunsOnce(String lib) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0";
    Map<String, String> result =
        new BenchRun(
                Map.of("lib", lib, "db", "h2", "url", url, "n", "200", "warmup", "0", "idle", "10"))
            .run();

    assertThat(result.get("jobs")).isEqualTo("410");
    assertThat(result.get("duplicates")).isEqualTo("0");
    assertThat(Double.parseDouble(result.get("drain"))).isPositive();
    assertThat(Double.parseDouble(result.get("idle_p50"))).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rpa", "db-scheduler", "db-scheduler tuned"})
  void theSteadyStatePhasesRunEveryJobOnce(String configuration) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0";
    var args =
        new LinkedHashMap<>(
            Map.of(
                "lib", configuration.split(" ")[0],
                "db", "h2",
                "url", url,
                "n", "200",
                "warmup", "0",
                "idle", "10",
                "steady", "400",
                "settle", "3"));
    if (configuration.endsWith("tuned")) {
      args.put("polling", "tuned");
    }
    Map<String, String> result = new BenchRun(args).run();

    int settled = Integer.parseInt(result.get("settle_drains"));
    assertThat(settled).isBetween(1, 3);
    assertThat(result.get("jobs")).isEqualTo(Integer.toString(410 + settled * 200 + 400 + 100));
    assertThat(result.get("duplicates")).isEqualTo("0");
    assertThat(Double.parseDouble(result.get("steady_batch"))).isPositive();
    assertThat(Double.parseDouble(result.get("steady_drain"))).isPositive();
    assertThat(Double.parseDouble(result.get("steady_e2e"))).isPositive();
  }

  @Test
  void monitoringModePrintsEveryEndpointAndTheDrainRatio() throws Exception {
    var printed = new ByteArrayOutputStream();
    var out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    Map<String, String> args =
        Map.of(
            "monitoring", "2000",
            "calls", "3",
            "warmup", "0",
            "rate", "100",
            "drainN", "200",
            "drainRuns", "1");
    new MonitoringBench(
            args,
            (childArgs, name) -> new MonitoringRun(parse(childArgs)).run(),
            (db, name) -> "jdbc:h2:file:" + dir.resolve(name + "/db") + ";WRITE_DELAY=0",
            out)
        .run(List.of("h2"));

    String table = printed.toString(StandardCharsets.UTF_8);
    assertThat(table)
        .containsPattern("\\| h2 \\| \\d+ \\| \\d+ \\| \\d+ \\| [0-9.]+ \\| [0-9.]+ \\|");
    for (var endpoint : MonitoringCalls.ENDPOINTS) {
      assertThat(table)
          .containsPattern(
              "\\| h2 \\| \\*\\*"
                  + java.util.regex.Pattern.quote(endpoint.label())
                  + "\\*\\* \\| 3 \\| [0-9.]+ \\| [0-9.]+ \\|");
    }
    assertThat(table)
        .containsPattern("\\| h2 \\| \\d+ \\(\\d+\\) \\| \\d+ \\(\\d+\\) \\| [0-9.]+ \\|");
  }

  private static Map<String, String> parse(List<String> childArgs) {
    var parsed = new LinkedHashMap<String, String>();
    for (String arg : childArgs) {
      int eq = arg.indexOf('=');
      parsed.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return parsed;
  }
}
