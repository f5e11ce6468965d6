package org.rpa.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.resilience.Breakers;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.monitoring.StackHealth.ExporterStatus;
import org.rpa.server.monitoring.StackHealth.JobTargets;

/**
 * The stack's health from what a real Prometheus answered (captured responses served on loopback):
 * the health rule, targets by job, the known exporters, collection and issues.
 */
class MonitoringStackTest {
  private static final String REFUSED =
      "Get \"http://127.0.0.1:19999/metrics/prometheus\": dial tcp 127.0.0.1:19999: connect:"
          + " connection refused";

  private final CannedPrometheus prometheus = new CannedPrometheus();
  private final Breakers breakers = new Breakers(MutableClock.at("2026-01-01T00:00:00Z"));

  @AfterEach
  void stop() {
    prometheus.close();
  }

  private MonitoringStack stack() {
    return new MonitoringStack(
        PrometheusClient.register(prometheus.url(), Duration.ofSeconds(2), breakers));
  }

  @Test
  void two_targets_up_one_down_and_one_not_yet_scraped_is_healthy_with_the_down_one_an_issue() {
    StackHealth health = stack().health();

    assertThat(health.healthy()).isTrue();
    assertThat(health.reachable()).isTrue();
    assertThat(health.url()).isEqualTo(prometheus.url());
    assertThat(health.jobs())
        .containsExactly(
            new JobTargets("blackbox-exporter", 1, 0, 0, 1),
            new JobTargets("prometheus", 1, 1, 0, 0),
            new JobTargets("rpa-orchestrator", 1, 1, 0, 0),
            new JobTargets("rpa-worker", 1, 0, 1, 0));
    assertThat(health.exporters())
        .containsExactly(
            new ExporterStatus(
                "redis-exporter",
                "unknown",
                "redis-exporter:9121",
                null,
                "not scraped by Prometheus"),
            new ExporterStatus(
                "json-exporter",
                "unknown",
                "json-exporter:7979",
                null,
                "not scraped by Prometheus"),
            new ExporterStatus(
                "blackbox-exporter", "unknown", "127.0.0.1:19998", null, "not scraped yet"),
            new ExporterStatus(
                "rpa-orchestrator",
                "up",
                "localhost:19090",
                Instant.parse("2026-12-03T12:42:45.180108397Z"),
                null),
            new ExporterStatus(
                "rpa-worker",
                "down",
                "127.0.0.1:19999",
                Instant.parse("2026-12-03T12:42:45.072013069Z"),
                REFUSED));
    assertThat(health.collection())
        .isEqualTo(
            new StackHealth.MetricsCollection(
                true, Instant.parse("2026-12-03T12:42:45.509772283Z"), 1.0, 943L));
    assertThat(health.issues())
        .containsExactly("Target 127.0.0.1:19999 of job rpa-worker is down: " + REFUSED);
  }

  @Test
  void most_targets_down_is_unhealthy() {
    prometheus.answer(CannedPrometheus.TARGETS, 200, "targets-majority-down.json");
    prometheus.answer(CannedPrometheus.CONFIG, 200, "config-30s.json");

    StackHealth health = stack().health();

    assertThat(health.healthy()).isFalse();
    assertThat(health.reachable()).isTrue();
    assertThat(health.jobs())
        .containsExactly(
            new JobTargets("prometheus", 1, 1, 0, 0), new JobTargets("rpa-worker", 2, 0, 2, 0));
    assertThat(health.collection().collecting()).isTrue();
    assertThat(health.collection().scrapeIntervalSeconds()).isEqualTo(30.0);
    assertThat(health.issues())
        .hasSize(4)
        .contains(
            "2 of 3 scraped targets are down", "Prometheus has no target of job rpa-orchestrator");
    assertThat(health.exporters())
        .filteredOn(e -> e.name().equals("rpa-worker"))
        .extracting(ExporterStatus::endpoint, ExporterStatus::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("127.0.0.1:19997", "down"),
            org.assertj.core.groups.Tuple.tuple("127.0.0.1:19999", "down"));
  }

  @Test
  void no_targets_is_healthy_but_collects_nothing() {
    prometheus.answer(CannedPrometheus.TARGETS, 200, "targets-empty.json");
    prometheus.answer(CannedPrometheus.QUERY, 200, "query-none.json");
    prometheus.answer(CannedPrometheus.CONFIG, 200, "config-empty.json");

    StackHealth health = stack().health();

    assertThat(health.healthy()).isTrue();
    assertThat(health.jobs()).isEmpty();
    assertThat(health.collection())
        .isEqualTo(new StackHealth.MetricsCollection(false, null, 90.0, 0L));
    assertThat(health.issues())
        .containsExactly(
            "Prometheus has no active scrape targets",
            "Prometheus has no target of job rpa-orchestrator");
    assertThat(health.exporters()).extracting(ExporterStatus::status).containsOnly("unknown");
  }

  @Test
  void a_failed_series_query_is_an_issue_and_leaves_the_rest() {
    prometheus.answer(CannedPrometheus.QUERY, 400, "query-error.json");

    StackHealth health = stack().health();

    assertThat(health.healthy()).isTrue();
    assertThat(health.collection().totalSeries()).isNull();
    assertThat(health.collection().scrapeIntervalSeconds()).isEqualTo(1.0);
    assertThat(health.issues())
        .contains(
            "Series count unavailable: Prometheus at "
                + prometheus.url()
                + " answered HTTP 400: invalid parameter \"query\": 1:22: parse error: unexpected"
                + " end of input inside braces");
  }

  @Test
  void an_unreachable_prometheus_is_unhealthy_and_its_targets_cannot_be_listed() {
    MonitoringStack stack = stack();
    prometheus.close();

    StackHealth health = stack.health();

    assertThat(health.healthy()).isFalse();
    assertThat(health.reachable()).isFalse();
    assertThat(health.jobs()).isEmpty();
    assertThat(health.collection())
        .isEqualTo(new StackHealth.MetricsCollection(false, null, null, null));
    assertThat(health.issues())
        .containsExactly(
            "Prometheus at " + prometheus.url() + " is unreachable: connection refused");
    assertThat(health.exporters())
        .hasSize(KnownExporter.ALL.size())
        .allSatisfy(
            e -> {
              assertThat(e.status()).isEqualTo("unknown");
              assertThat(e.error()).isEqualTo("Prometheus unavailable");
            });
    assertThatThrownBy(stack::targets)
        .isInstanceOf(PrometheusUnavailableException.class)
        .hasMessage("Prometheus at " + prometheus.url() + " is unreachable: connection refused");
  }

  @Test
  void without_a_url_the_stack_is_unhealthy_and_says_why() {
    MonitoringStack stack = new MonitoringStack(null);

    StackHealth health = stack.health();

    assertThat(health.healthy()).isFalse();
    assertThat(health.url()).isNull();
    assertThat(health.issues()).containsExactly("PROMETHEUS_URL is not set");
    assertThatThrownBy(stack::targets).hasMessage("PROMETHEUS_URL is not set");
    assertThat(prometheus.seen()).isEmpty();
  }

  @Test
  void the_rule_compares_targets_up_with_targets_down() {
    assertThat(StackHealth.healthy(true, 0, 0)).as("nothing scraped yet").isTrue();
    assertThat(StackHealth.healthy(true, 5, 0)).isTrue();
    assertThat(StackHealth.healthy(true, 3, 2)).as("some down, more up").isTrue();
    assertThat(StackHealth.healthy(true, 2, 2)).as("half down").isFalse();
    assertThat(StackHealth.healthy(true, 1, 4)).as("most down").isFalse();
    assertThat(StackHealth.healthy(true, 0, 1)).isFalse();
    assertThat(StackHealth.healthy(false, 5, 0)).as("unreachable").isFalse();
  }

  @Test
  void targets_are_sorted_by_job_and_instance_with_their_labels() {
    List<ScrapeTarget> targets = stack().targets();

    assertThat(targets)
        .extracting(ScrapeTarget::job)
        .containsExactly("blackbox-exporter", "prometheus", "rpa-orchestrator", "rpa-worker");
    ScrapeTarget notYet = targets.get(0);
    assertThat(notYet.health()).isEqualTo("unknown");
    assertThat(notYet.lastScrape()).as("Go's zero time").isNull();
    assertThat(notYet.scrapeDurationSeconds()).isNull();
    assertThat(notYet.lastError()).isNull();
    ScrapeTarget self = targets.get(1);
    assertThat(self.labels()).containsOnlyKeys("instance", "job");
    assertThat(self.scrapeDurationSeconds()).isEqualTo(0.004392491);
    assertThat(prometheus.seen())
        .extracting(CannedPrometheus.Seen::pathAndQuery)
        .containsExactly("/api/v1/targets?state=active");
  }
}
