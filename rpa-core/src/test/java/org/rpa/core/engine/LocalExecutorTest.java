package org.rpa.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalExecutorTest {
  private final LocalExecutor executor =
      new LocalExecutor(
          "exec-1",
          4,
          12,
          null,
          null,
          null,
          Clock.systemUTC(),
          null,
          () -> {},
          null,
          EngineMeters.NONE);

  @Test
  void short_jobs_use_the_buffer_and_long_ones_do_not() {
    assertThat(executor.freeSlots()).as("no run seen yet").isEqualTo(16);

    for (int i = 0; i < 20; i++) {
      executor.observeRunTime(Duration.ofSeconds(3).toNanos());
    }
    assertThat(executor.freeSlots()).as("browser-length jobs: threads only").isEqualTo(4);

    for (int i = 0; i < 40; i++) {
      executor.observeRunTime(Duration.ofMillis(2).toNanos());
    }
    assertThat(executor.freeSlots()).as("short again: threads and buffer").isEqualTo(16);
  }
}
