package org.rpa.core.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rpa.core.supervise.LoopStatus.Status.CRASHED;
import static org.rpa.core.supervise.LoopStatus.Status.RUNNING;
import static org.rpa.core.supervise.LoopStatus.Status.STOPPED;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.testing.MutableClock;

class SupervisorControlTest {
  private final MutableClock clock = MutableClock.at("2025-12-27T08:00:00Z");
  private final Supervisor supervisor =
      Supervisor.builder()
          .clock(clock)
          .supervisorThread(false)
          .stopTimeout(Duration.ofSeconds(2))
          .build();
  private final TestLoop watcher = new TestLoop("file_watcher");

  @AfterEach
  void stop() {
    supervisor.stop();
  }

  @Test
  void workers_are_stopped_until_the_supervisor_starts() {
    supervisor.register(watcher);

    assertThat(supervisor.isRunning()).isFalse();
    assertThat(supervisor.loops()).extracting(LoopStatus::status).containsExactly(STOPPED);
    assertThat(supervisor.loops().get(0).critical()).isTrue();
    assertThat(supervisor.loops().get(0).maxRestarts()).isEqualTo(5);
  }

  @Test
  void stop_worker_ends_its_thread_and_start_worker_runs_a_new_one() {
    startAndAwaitFirstPass();
    Thread first = watcher.threads.iterator().next();

    supervisor.stopLoop("file_watcher");

    assertThat(first.isAlive()).isFalse();
    assertThat(status()).isEqualTo(STOPPED);
    assertThatThrownBy(() -> supervisor.stopLoop("file_watcher"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Worker 'file_watcher' is stopped and cannot be stopped");

    supervisor.startLoop("file_watcher");

    Await.until(() -> watcher.threads.size() == 2);
    assertThat(status()).isEqualTo(RUNNING);
    assertThatThrownBy(() -> supervisor.startLoop("file_watcher"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Worker 'file_watcher' is running and cannot be started");
  }

  @Test
  void stopping_the_supervisor_stops_every_worker() {
    TestLoop other = new TestLoop("cleanup_service");
    supervisor.register(other);
    startAndAwaitFirstPass();

    supervisor.stop();

    assertThat(supervisor.isRunning()).isFalse();
    assertThat(supervisor.loops()).extracting(LoopStatus::status).containsOnly(STOPPED);
    assertThat(watcher.threads).noneMatch(Thread::isAlive);
    assertThat(supervisor.runOnce()).isZero();
  }

  @Test
  void a_loop_stuck_in_run_once_is_interrupted_on_stop() {
    startAndAwaitFirstPass();
    watcher.blockNext();
    int passes = watcher.passes.get();
    supervisor.wake("file_watcher");
    Await.until(() -> watcher.passes.get() > passes);

    supervisor.stopLoop("file_watcher");

    assertThat(watcher.threads).noneMatch(Thread::isAlive);
    assertThat(status()).isEqualTo(STOPPED);
    assertThat(supervisor.history().size()).isZero();
  }

  @Test
  void stopping_a_crashed_worker_cancels_its_restart() {
    startAndAwaitFirstPass();
    watcher.crashNext("boom");
    supervisor.wake("file_watcher");
    Await.until(() -> status() == CRASHED);

    supervisor.stopLoop("file_watcher");
    clock.advance(Duration.ofMinutes(1));

    assertThat(supervisor.runOnce()).isZero();
    assertThat(status()).isEqualTo(STOPPED);
  }

  @Test
  void unknown_and_invalid_names_are_told_apart() {
    supervisor.register(watcher);

    assertThatThrownBy(() -> supervisor.startLoop("nobody"))
        .isInstanceOf(UnknownLoopException.class)
        .hasMessage("No worker named 'nobody'")
        .extracting(e -> ((UnknownLoopException) e).loopName())
        .isEqualTo("nobody");
    for (String bad : new String[] {"1worker", "bad-name", "", "_x", "a b"}) {
      assertThatThrownBy(() -> supervisor.restartLoop(bad))
          .isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> supervisor.register(new TestLoop(bad)))
          .isInstanceOf(InvalidRequestException.class);
    }
    assertThat(supervisor.loop("nobody")).isEmpty();
    assertThatThrownBy(() -> supervisor.register(new TestLoop("file_watcher")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void the_supervisor_thread_restarts_crashed_workers_on_its_own() {
    Supervisor threaded = Supervisor.builder().clock(clock).build();
    threaded.register(watcher);
    threaded.start();
    Await.until(() -> watcher.passes.get() > 0);
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .contains("rpa-supervisor-1");

    watcher.crashNext("boom");
    threaded.wake("file_watcher");
    Await.until(() -> threaded.loop("file_watcher").orElseThrow().status() == CRASHED);
    clock.advance(Duration.ofSeconds(1));

    Await.until(() -> threaded.loop("file_watcher").orElseThrow().status() == RUNNING);
    threaded.stop();
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .doesNotContain("rpa-supervisor-1");
  }

  private void startAndAwaitFirstPass() {
    supervisor.register(watcher);
    supervisor.start();
    Await.until(() -> watcher.passes.get() > 0);
  }

  private LoopStatus.Status status() {
    return supervisor.loop("file_watcher").orElseThrow().status();
  }
}
