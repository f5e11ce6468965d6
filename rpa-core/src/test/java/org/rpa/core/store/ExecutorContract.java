package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.rpa.core.metrics.ResourceSample;

/** Executor rows: their address and resource sample, kept by register and heartbeat; pruning. */
interface ExecutorContract extends JobStoreFixture {

  @Test
  default void an_executors_address_and_resource_sample_are_kept_by_register_and_heartbeat() {
    var first = new ResourceSample(12.5, 300L << 20, 4);
    store()
        .registerExecutor(
            new ExecutorRecord(
                "worker-1",
                "box",
                "remote",
                "http://10.0.0.5:8621",
                4,
                1,
                NOW,
                NOW,
                NOW.plusSeconds(60),
                null,
                first));

    assertThat(store().executors())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.address()).isEqualTo("http://10.0.0.5:8621");
              assertThat(row.resources()).isEqualTo(first);
            });

    var second = new ResourceSample(87.5, 900L << 20, 9);
    assertThat(store().heartbeat("worker-1", 2, second, NOW.plusSeconds(10), NOW.plusSeconds(70)))
        .isTrue();
    assertThat(store().executors().get(0).resources()).isEqualTo(second);
    assertThat(store().heartbeat("worker-1", 2, null, NOW.plusSeconds(20), NOW.plusSeconds(80)))
        .isTrue();
    assertThat(store().executors().get(0).resources()).isNull();
  }

  @Test
  default void pruning_deletes_the_executors_whose_lease_ended_before_the_cutoff() {
    store().registerExecutor(executor("stopped-long-ago", NOW.plusSeconds(60)));
    store().stopExecutor("stopped-long-ago", NOW);
    store().registerExecutor(executor("died-long-ago", NOW.plusSeconds(60)));
    store().registerExecutor(executor("died-lately", NOW.plus(Duration.ofHours(2))));
    store().registerExecutor(executor("alive", NOW.plus(Duration.ofDays(3))));
    Instant cutoff = NOW.plus(Duration.ofHours(1));

    assertThat(store().pruneExecutors(cutoff)).isEqualTo(2);

    assertThat(store().executors())
        .extracting(ExecutorRecord::id)
        .containsExactlyInAnyOrder("died-lately", "alive");
    assertThat(store().pruneExecutors(cutoff)).isZero();
  }
}
