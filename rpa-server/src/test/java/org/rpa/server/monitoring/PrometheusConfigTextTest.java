package org.rpa.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Durations as Prometheus writes them, and the global scrape interval of its rendered config. */
class PrometheusConfigTextTest {
  @Test
  void reads_prometheus_durations() {
    assertThat(PrometheusConfigText.duration("15s")).contains(Duration.ofSeconds(15));
    assertThat(PrometheusConfigText.duration("1m30s")).contains(Duration.ofSeconds(90));
    assertThat(PrometheusConfigText.duration("500ms")).contains(Duration.ofMillis(500));
    assertThat(PrometheusConfigText.duration("1h")).contains(Duration.ofHours(1));
    assertThat(PrometheusConfigText.duration("2w1d")).contains(Duration.ofDays(15));
    assertThat(PrometheusConfigText.duration("1y")).contains(Duration.ofDays(365));
    assertThat(PrometheusConfigText.duration("0")).contains(Duration.ZERO);
    assertThat(PrometheusConfigText.duration("")).isEmpty();
    assertThat(PrometheusConfigText.duration("15")).isEmpty();
    assertThat(PrometheusConfigText.duration("1s1m")).as("units out of order").isEmpty();
    assertThat(PrometheusConfigText.duration("1.5s")).isEmpty();
    assertThat(PrometheusConfigText.duration("99999999999999999999s")).isEmpty();
  }

  @Test
  void reads_the_global_interval_of_configs_prometheus_rendered() throws Exception {
    assertThat(interval("config.json")).contains(Duration.ofSeconds(1));
    assertThat(interval("config-30s.json")).contains(Duration.ofSeconds(30));
    assertThat(interval("config-empty.json")).contains(Duration.ofSeconds(90));
  }

  @Test
  void takes_only_the_direct_child_of_the_top_level_global_block() {
    String yaml =
        """
        # comment
        scrape_configs:
        - job_name: a
          scrape_interval: 5s
        global:
          external_labels:
            scrape_interval: 7s
          scrape_timeout: 10s
          scrape_interval: "20s" # quoted, with a comment
        rule_files: []
        """;
    assertThat(PrometheusConfigText.globalScrapeInterval(yaml)).contains(Duration.ofSeconds(20));
    assertThat(PrometheusConfigText.globalScrapeInterval("global:\n  scrape_timeout: 10s\n"))
        .isEmpty();
    assertThat(PrometheusConfigText.globalScrapeInterval("scrape_interval: 10s\n")).isEmpty();
    assertThat(PrometheusConfigText.globalScrapeInterval("global:\n  scrape_interval: soon\n"))
        .isEmpty();
  }

  private static Optional<Duration> interval(String file) throws Exception {
    String yaml =
        new ObjectMapper()
            .readTree(CannedPrometheus.captured(file))
            .path("data")
            .path("yaml")
            .asText();
    return PrometheusConfigText.globalScrapeInterval(yaml);
  }
}
