package org.rpa.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthCheckTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void factories_set_the_status_and_no_details() {
    assertThat(HealthCheck.healthy("ok").status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(HealthCheck.degraded("meh").status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(HealthCheck.unhealthy("down").status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(HealthCheck.healthy("ok").details()).isEmpty();
  }

  @Test
  void with_detail_returns_a_copy_in_insertion_order() {
    HealthCheck base = HealthCheck.healthy("ok");
    HealthCheck detailed = base.withDetail("engine", "h2").withDetail("pool", 10);

    assertThat(base.details()).isEmpty();
    assertThat(detailed.details())
        .containsExactly(Map.entry("engine", "h2"), Map.entry("pool", 10));
    assertThatThrownBy(() -> detailed.details().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void statuses_render_in_lower_case() {
    assertThat(HealthStatus.DEGRADED.label()).isEqualTo("degraded");
  }

  @Test
  void a_critical_degraded_component_only_degrades_the_report() {
    HealthReport report =
        HealthReport.of(List.of(component(Criticality.CRITICAL, HealthStatus.DEGRADED)), NOW);

    assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(report.ready()).isTrue();
  }

  @Test
  void a_report_cannot_be_ready_and_unhealthy() {
    assertThatThrownBy(() -> new HealthReport(HealthStatus.UNHEALTHY, true, "x", List.of(), NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void component_lookup_misses_unknown_names() {
    HealthReport report =
        HealthReport.of(List.of(component(Criticality.CRITICAL, HealthStatus.HEALTHY)), NOW);

    assertThat(report.component("store")).isPresent();
    assertThat(report.component("nope")).isEmpty();
  }

  private static ComponentHealth component(Criticality criticality, HealthStatus status) {
    return new ComponentHealth("store", criticality, status, "m", Map.of(), Duration.ZERO, NOW);
  }
}
