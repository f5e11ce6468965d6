package org.rpa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmark still works: every library runs a few hundred jobs through every phase on an H2
 * file database, each job runs, none twice. Small N, so it stays in the normal build's budget; the
 * real run is {@code ./bench}.
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
}
