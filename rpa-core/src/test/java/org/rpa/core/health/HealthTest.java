package org.rpa.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rpa.core.health.Criticality.CRITICAL;
import static org.rpa.core.health.Criticality.NON_CRITICAL;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.testing.MutableClock;

class HealthTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final Health health = new Health(clock);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void tearDown() {
    release.countDown();
    health.close();
  }

  @Test
  void all_healthy_components_make_a_healthy_ready_report() {
    health.register(
        Health.of(
            "store", CRITICAL, () -> HealthCheck.healthy("H2 up").withDetail("engine", "h2")));
    health.register(Health.of("callbacks", NON_CRITICAL, () -> HealthCheck.healthy("sent")));

    HealthReport report = health.report();

    assertThat(report.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(report.ready()).isTrue();
    assertThat(report.message()).isEqualTo("All systems operational");
    assertThat(report.checkedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(report.components())
        .extracting(ComponentHealth::name)
        .containsExactly("store", "callbacks");
    ComponentHealth store = report.component("store").orElseThrow();
    assertThat(store.details()).containsEntry("engine", "h2");
    assertThat(store.criticality()).isEqualTo(CRITICAL);
    assertThat(store.latency()).isGreaterThanOrEqualTo(Duration.ZERO);
    assertThat(store.checkedAt()).isEqualTo(clock.instant());
  }

  @Test
  void an_unhealthy_non_critical_component_degrades_but_stays_ready() {
    health.register(Health.of("store", CRITICAL, () -> HealthCheck.healthy("up")));
    health.register(Health.of("prometheus", NON_CRITICAL, () -> HealthCheck.unhealthy("refused")));

    HealthReport report = health.report();

    assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(report.ready()).isTrue();
    assertThat(report.message()).isEqualTo("Degraded: prometheus unhealthy");
  }

  @Test
  void an_unhealthy_critical_component_makes_the_system_unhealthy_and_not_ready() {
    health.register(Health.of("store", CRITICAL, () -> HealthCheck.unhealthy("down")));
    health.register(Health.of("grid", NON_CRITICAL, () -> HealthCheck.degraded("slow")));

    HealthReport report = health.report();

    assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(report.ready()).isFalse();
    assertThat(report.message()).isEqualTo("Unhealthy: store unhealthy, grid degraded");
  }

  @Test
  void status_listeners_hear_each_change_of_the_overall_status_between_two_reports() {
    var check = new AtomicReference<>(HealthCheck.healthy("up"));
    health.register(Health.of("store", CRITICAL, check::get));
    var changes = new java.util.ArrayList<String>();
    health.onStatusChange(
        (before, after) -> changes.add(before.status().label() + "->" + after.status().label()));
    health.onStatusChange(
        (before, after) -> {
          throw new IllegalStateException("a listener that throws");
        });

    health.report();
    health.report();
    check.set(HealthCheck.unhealthy("down"));
    clock.advance(Duration.ofSeconds(30));
    HealthReport down = health.report();
    health.report();
    check.set(HealthCheck.degraded("slow"));
    health.report();
    health.readiness();
    check.set(HealthCheck.healthy("up"));
    health.report();

    assertThat(changes)
        .containsExactly("healthy->unhealthy", "unhealthy->degraded", "degraded->healthy");
    assertThat(down.checkedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:30Z"));
  }

  @Test
  void a_check_that_throws_is_unhealthy_with_its_message() {
    health.register(
        Health.of(
            "store",
            CRITICAL,
            () -> {
              throw new IllegalStateException("connection refused");
            }));
    health.register(
        Health.of(
            "grid",
            NON_CRITICAL,
            () -> {
              throw new NullPointerException();
            }));
    health.register(Health.of("nothing", NON_CRITICAL, () -> null));

    HealthReport report = health.report();

    assertThat(report.components())
        .extracting(ComponentHealth::status, ComponentHealth::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(HealthStatus.UNHEALTHY, "connection refused"),
            org.assertj.core.groups.Tuple.tuple(HealthStatus.UNHEALTHY, "NullPointerException"),
            org.assertj.core.groups.Tuple.tuple(HealthStatus.UNHEALTHY, "check returned null"));
  }

  @Test
  void a_check_slower_than_its_timeout_is_unhealthy_and_does_not_hold_up_the_others() {
    health.register(
        Health.of("portal", NON_CRITICAL, this::blockUntilReleased), Duration.ofMillis(50));
    health.register(Health.of("store", CRITICAL, () -> HealthCheck.healthy("up")));

    HealthReport report = health.report();

    ComponentHealth portal = report.component("portal").orElseThrow();
    assertThat(portal.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(portal.message()).isEqualTo("timed out after 50 ms");
    assertThat(portal.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    assertThat(report.component("store").orElseThrow().status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
  }

  @Test
  void checks_run_on_named_daemon_threads() {
    AtomicReference<Thread> thread = new AtomicReference<>();
    health.register(
        Health.of(
            "store",
            CRITICAL,
            () -> {
              thread.set(Thread.currentThread());
              return HealthCheck.healthy("up");
            }));

    health.report();

    assertThat(thread.get().getName()).matches("rpa-health-\\d+");
    assertThat(thread.get().isDaemon()).isTrue();
  }

  @Test
  void readiness_checks_only_critical_components() {
    health.register(Health.of("store", CRITICAL, () -> HealthCheck.healthy("up")));
    health.register(
        Health.of(
            "callbacks",
            NON_CRITICAL,
            () -> {
              throw new AssertionError("must not run");
            }));

    HealthReport readiness = health.readiness();

    assertThat(readiness.components()).extracting(ComponentHealth::name).containsExactly("store");
    assertThat(readiness.ready()).isTrue();
  }

  @Test
  void an_empty_health_is_healthy() {
    assertThat(health.report().status()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void indicator_names_are_unique() {
    health.register(Health.of("store", CRITICAL, () -> HealthCheck.healthy("up")));

    assertThatThrownBy(
            () -> health.register(Health.of("store", NON_CRITICAL, () -> HealthCheck.healthy("x"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'store'");
  }

  @Test
  void timeouts_must_be_positive() {
    assertThatThrownBy(
            () ->
                health.register(
                    Health.of("store", CRITICAL, () -> HealthCheck.healthy("up")), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, but was PT0S");
  }

  @Test
  void live_until_closed_and_reports_are_refused_after() {
    assertThat(health.live()).isTrue();

    health.close();

    assertThat(health.live()).isFalse();
    assertThatThrownBy(health::report).isInstanceOf(IllegalStateException.class);
    health.close();
  }

  private HealthCheck blockUntilReleased() {
    try {
      release.await();
      return HealthCheck.healthy("released");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HealthCheck.unhealthy("interrupted");
    }
  }
}
