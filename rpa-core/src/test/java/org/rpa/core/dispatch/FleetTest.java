package org.rpa.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rpa.core.metrics.ResourceSample;
import org.rpa.core.store.ExecutorRecord;
import org.rpa.core.testing.MutableClock;

class FleetTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");

  private ExecutorRecord row(
      String id, int capacity, int active, Instant leaseUntil, Instant stoppedAt) {
    Instant now = clock.instant();
    return new ExecutorRecord(
        id,
        "host",
        "local",
        null,
        capacity,
        active,
        now,
        now,
        leaseUntil,
        stoppedAt,
        new ResourceSample(12.5, 64L << 20, 3));
  }

  @Test
  void an_executor_is_busy_or_idle_while_its_lease_lives_and_offline_after() {
    Instant until = clock.instant().plus(Duration.ofSeconds(60));
    var rows =
        List.of(
            row("busy", 4, 2, until, null),
            row("idle", 4, 0, until, null),
            row("stopped", 4, 0, until, clock.instant()));
    var fleet = new Fleet(() -> rows, clock);

    assertThat(fleet.executors())
        .extracting(member -> member.id() + "=" + member.state().label())
        .containsExactly("busy=busy", "idle=idle", "stopped=offline");
    assertThat(fleet.executors().get(0).activeJobs()).isEqualTo(2);
    assertThat(fleet.executors().get(0).resources().memoryMb()).isEqualTo(64.0);

    clock.advance(Duration.ofSeconds(60));
    assertThat(fleet.executors()).extracting(Fleet.Member::state).containsOnly(Fleet.State.OFFLINE);
  }

  @Test
  void the_summary_counts_each_state_and_the_load_of_the_online_executors() {
    Instant until = clock.instant().plus(Duration.ofSeconds(60));
    var rows =
        List.of(
            row("busy", 4, 3, until, null),
            row("idle", 4, 0, until, null),
            row("queue-only", 0, 0, until, null),
            row("dead", 8, 5, clock.instant(), null));
    var summary = new Fleet(() -> rows, clock).summary();

    assertThat(summary).isEqualTo(new Fleet.Summary(4, 1, 1, 2, 3, 8));
    assertThat(summary.online()).isEqualTo(2);
    assertThat(summary.utilisation()).isEqualTo(0.375);
    assertThat(new Fleet(List::of, clock).summary().utilisation()).isZero();
  }

  @Test
  void an_executor_with_no_capacity_is_offline_though_its_lease_lives() {
    Instant until = clock.instant().plus(Duration.ofSeconds(60));
    var fleet = new Fleet(() -> List.of(row("queue-only", 0, 0, until, null)), clock);

    assertThat(fleet.executors())
        .extracting(Fleet.Member::state)
        .containsExactly(Fleet.State.OFFLINE);
    assertThat(Fleet.State.of(true, 0, 0)).isEqualTo(Fleet.State.OFFLINE);
    assertThat(Fleet.State.of(true, 1, 0)).isEqualTo(Fleet.State.IDLE);
  }
}
