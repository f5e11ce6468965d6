package org.rpa.core.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.rpa.core.supervise.LoopStatus.Status.CRASHED;
import static org.rpa.core.supervise.LoopStatus.Status.FAILED;
import static org.rpa.core.supervise.LoopStatus.Status.RUNNING;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.supervise.LoopStatus.Status;
import org.rpa.core.supervise.RestartEvent.Kind;
import org.rpa.core.testing.MutableClock;

class SupervisorTest {
  private static final Instant START = Instant.parse("2025-12-27T08:00:00Z");
  private final MutableClock clock = MutableClock.at(START);
  private final Supervisor supervisor =
      Supervisor.builder().clock(clock).supervisorThread(false).build();
  private final TestLoop detection = new TestLoop("detection_worker");

  @AfterEach
  void stop() {
    supervisor.stop();
  }

  @Test
  void a_crash_is_restarted_by_run_once_after_the_backoff() {
    startAndAwaitFirstPass();

    crashAndAwait("Connection reset by peer", CRASHED);
    LoopStatus crashed = status();
    assertThat(crashed.restartCount()).isEqualTo(1);
    assertThat(crashed.lastCrashedAt()).isEqualTo(START);
    assertThat(crashed.error()).isEqualTo("Connection reset by peer");

    clock.advance(Duration.ofSeconds(1));
    assertThat(supervisor.runOnce()).isEqualTo(1);

    assertThat(status().status()).isEqualTo(RUNNING);
    assertThat(status().restartCount()).isEqualTo(1);
    assertThat(status().lastStartedAt()).isEqualTo(START.plusSeconds(1));
    assertThat(supervisor.history().page(null, 50, 0).items())
        .extracting(RestartEvent::status, RestartEvent::attempt)
        .containsExactly(tuple(Kind.SUCCESS, 1), tuple(Kind.CRASHED, 0));
  }

  @Test
  void a_crash_is_not_restarted_before_its_backoff() {
    startAndAwaitFirstPass();
    crashAndAwait("boom", CRASHED);

    clock.advance(Duration.ofMillis(999));

    assertThat(supervisor.runOnce()).isZero();
    assertThat(status().status()).isEqualTo(CRASHED);
  }

  @Test
  void the_sixth_crash_fails_the_worker_and_it_is_not_restarted() {
    startAndAwaitFirstPass();
    for (int restart = 1; restart <= 5; restart++) {
      crashAndAwait("boom " + restart, CRASHED);
      clock.advance(RestartPolicy.ofDefaults().backoff(restart));
      assertThat(supervisor.runOnce()).isEqualTo(1);
      assertThat(status().restartCount()).isEqualTo(restart);
    }

    crashAndAwait("boom 6", FAILED);
    clock.advance(Duration.ofSeconds(60));

    assertThat(supervisor.runOnce()).isZero();
    assertThat(status().status()).isEqualTo(FAILED);
    assertThat(status().restartCount()).isEqualTo(5);
    assertThat(supervisor.history().page("detection_worker", 2, 0).items())
        .extracting(RestartEvent::status)
        .containsExactly(Kind.FAILED, Kind.CRASHED);
  }

  @Test
  void reset_starts_a_failed_worker_again_with_count_zero() {
    Supervisor strict =
        Supervisor.builder()
            .clock(clock)
            .supervisorThread(false)
            .restartPolicy(
                new RestartPolicy(
                    Duration.ofSeconds(1), 2, Duration.ofSeconds(60), 0, Duration.ofMinutes(10)))
            .build();
    strict.register(detection);
    strict.start();
    Await.until(() -> detection.passes.get() > 0);
    detection.crashNext("boom");
    strict.wake("detection_worker");
    Await.until(() -> strict.loop("detection_worker").orElseThrow().status() == FAILED);

    strict.resetLoop("detection_worker");

    LoopStatus reset = strict.loop("detection_worker").orElseThrow();
    assertThat(reset.status()).isEqualTo(RUNNING);
    assertThat(reset.restartCount()).isZero();
    assertThat(strict.history().page(null, 1, 0).items().get(0).status()).isEqualTo(Kind.MANUAL);
    strict.stop();
  }

  @Test
  void a_manual_restart_runs_a_new_thread_and_records_manual() {
    startAndAwaitFirstPass();

    supervisor.restartLoop("detection_worker");
    Await.until(() -> detection.threads.size() == 2);

    assertThat(detection.threads)
        .extracting(Thread::getName)
        .containsExactlyInAnyOrder("rpa-detection_worker-1", "rpa-detection_worker-2");
    assertThat(detection.threads).allMatch(Thread::isDaemon);
    assertThat(status().status()).isEqualTo(RUNNING);
    assertThat(supervisor.history().page(null, 50, 0).items())
        .extracting(RestartEvent::status)
        .containsExactly(Kind.MANUAL);
  }

  @Test
  void a_worker_that_ran_ten_minutes_without_crashing_is_forgiven() {
    startAndAwaitFirstPass();
    crashAndAwait("boom", CRASHED);
    clock.advance(Duration.ofSeconds(1));
    supervisor.runOnce();
    assertThat(status().restartCount()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(10));

    assertThat(supervisor.runOnce()).isZero();
    assertThat(status().restartCount()).isZero();
    assertThat(status().status()).isEqualTo(RUNNING);
  }

  @Test
  void a_crash_after_a_stable_run_counts_as_the_first() {
    startAndAwaitFirstPass();
    crashAndAwait("boom", CRASHED);
    clock.advance(Duration.ofSeconds(1));
    supervisor.runOnce();
    clock.advance(Duration.ofMinutes(10));

    crashAndAwait("again", CRASHED);

    assertThat(status().restartCount()).isEqualTo(1);
  }

  @Test
  void a_listener_that_throws_does_not_break_the_supervisor() {
    List<Status> seen = new CopyOnWriteArrayList<>();
    supervisor.addListener(
        status -> {
          throw new IllegalStateException("listener bug");
        });
    supervisor.addListener(status -> seen.add(status.status()));
    startAndAwaitFirstPass();

    crashAndAwait("boom", CRASHED);
    // The crash is published from the worker thread after its status is visible.
    Await.until(() -> seen.contains(CRASHED));
    clock.advance(Duration.ofSeconds(1));

    assertThat(supervisor.runOnce()).isEqualTo(1);
    assertThat(seen).containsExactly(RUNNING, CRASHED, Status.RESTARTING, RUNNING);
  }

  @Test
  void the_history_goes_to_the_records_the_builder_was_given() {
    RestartRecords records = RestartRecords.inMemory(10);
    Supervisor stored =
        Supervisor.builder().clock(clock).supervisorThread(false).restartRecords(records).build();
    stored.register(detection);
    stored.start();
    Await.until(() -> detection.passes.get() > 0);

    stored.restartLoop("detection_worker");

    assertThat(records.page(null, 10, 0).items())
        .extracting(RestartEvent::loopName, RestartEvent::status)
        .containsExactly(tuple("detection_worker", Kind.MANUAL));
    stored.stop();
  }

  private void startAndAwaitFirstPass() {
    supervisor.register(detection);
    supervisor.start();
    Await.until(() -> detection.passes.get() > 0);
  }

  private void crashAndAwait(String message, Status expected) {
    detection.crashNext(message);
    supervisor.wake("detection_worker");
    Await.until(() -> status().status() == expected);
  }

  private LoopStatus status() {
    return supervisor.loop("detection_worker").orElseThrow();
  }
}
