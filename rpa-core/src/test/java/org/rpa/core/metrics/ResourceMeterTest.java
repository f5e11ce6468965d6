package org.rpa.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.rpa.core.testing.MutableClock;

class ResourceMeterTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final AtomicReference<ResourceSampler.Usage> usage = new AtomicReference<>();
  private final ResourceMeter meter = new ResourceMeter(usage::get);

  private ResourceSample sampleAfter(Duration elapsed, long cpuSeconds, long memory) {
    clock.advance(elapsed);
    usage.set(new ResourceSampler.Usage(Duration.ofSeconds(cpuSeconds), memory, 2));
    return meter.sample(clock.instant());
  }

  @Test
  void the_cpu_share_is_the_cpu_time_used_between_two_samples_over_the_time_between_them() {
    assertThat(sampleAfter(Duration.ZERO, 10, 100)).isEqualTo(new ResourceSample(0.0, 100, 2));
    assertThat(sampleAfter(Duration.ofSeconds(4), 13, 200))
        .isEqualTo(new ResourceSample(75.0, 200, 2));
    assertThat(sampleAfter(Duration.ofSeconds(2), 17, 300))
        .as("two cores busy: above 100")
        .isEqualTo(new ResourceSample(200.0, 300, 2));
  }

  @Test
  void a_sample_sooner_than_a_second_keeps_the_last_share_and_reads_the_memory_afresh() {
    sampleAfter(Duration.ZERO, 10, 100);
    sampleAfter(Duration.ofSeconds(10), 15, 100);

    assertThat(sampleAfter(Duration.ofMillis(300), 25, 400))
        .isEqualTo(new ResourceSample(50.0, 400, 2));
    assertThat(sampleAfter(Duration.ofMillis(700), 15, 400))
        .as("measured from the sample 10 s in: no CPU time in the second since")
        .isEqualTo(new ResourceSample(0.0, 400, 2));
  }

  @Test
  void cpu_time_that_vanished_with_an_ended_child_counts_as_none_not_as_negative() {
    sampleAfter(Duration.ZERO, 30, 100);

    assertThat(sampleAfter(Duration.ofSeconds(5), 20, 50).cpuPercent()).isZero();
  }

  @Test
  void this_process_counts_a_child_it_started_and_stops_counting_it_once_it_ended()
      throws Exception {
    ResourceSampler sampler = ResourceSampler.thisProcess();
    int before = sampler.read().processes();
    Process child = new ProcessBuilder("sleep", "30").start();
    try {
      ResourceSampler.Usage with = sampler.read();
      assertThat(with.processes()).isEqualTo(before + 1);
      assertThat(with.memoryBytes()).isPositive();
      assertThat(with.cpuTime()).isPositive();
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(sampler.read().processes()).isEqualTo(before);
  }
}
