package org.rpa.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rpa.core.store.ExecutorRecord;
import org.rpa.core.testing.MutableClock;

class FleetTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");

  private ExecutorRecord row(String id, int active, Instant leaseUntil, Instant stoppedAt) {
    Instant now = clock.instant();
    return new ExecutorRecord(id, "host", "local", 4, active, now, now, leaseUntil, stoppedAt);
  }

  @Test
  void an_executor_is_busy_or_online_while_its_lease_lives_and_offline_after() {
    Instant until = clock.instant().plus(Duration.ofSeconds(60));
    var rows =
        List.of(
            row("busy", 2, until, null),
            row("idle", 0, until, null),
            row("stopped", 0, until, clock.instant()));
    var fleet = new Fleet(() -> rows, clock);

    assertThat(fleet.executors())
        .extracting(member -> member.id() + "=" + member.state().label())
        .containsExactly("busy=busy", "idle=online", "stopped=offline");
    assertThat(fleet.executors().get(0).activeJobs()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(60));
    assertThat(fleet.executors()).extracting(Fleet.Member::state).containsOnly(Fleet.State.OFFLINE);
  }
}
