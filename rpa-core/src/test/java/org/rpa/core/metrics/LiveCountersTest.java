package org.rpa.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LiveCountersTest {
  private final LiveCounters counters = new LiveCounters();

  @Test
  void each_event_counts_in_its_own_counter() {
    counters.onSubmitted();
    counters.onSubmitted();
    counters.onClaimed();
    counters.onStarted();
    counters.onSucceeded();
    counters.onFailedBusiness();
    counters.onFailedTechnical();
    counters.onRetried();
    counters.onTimedOut();
    counters.onCancelled();
    counters.onRecovered();
    counters.onExpired();

    assertThat(counters.view())
        .isEqualTo(
            new LiveView(
                2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, DurationStats.EMPTY, DurationStats.EMPTY));
  }

  @Test
  void latencies_are_reported_in_fractional_milliseconds() {
    counters.pickUpLatency().record(2_000_000);
    counters.pickUpLatency().record(500_000);
    counters.claimLatency().record(-5);

    LiveView view = counters.view();

    assertThat(view.pickUpLatency()).isEqualTo(new DurationStats(2, 1.25, 0, 2, 0.5, 2.0, 2.0));
    assertThat(view.claimLatency().count()).isEqualTo(1);
    assertThat(view.claimLatency().maxMs()).isZero();
  }

  @Test
  void the_latency_window_keeps_only_the_most_recent_samples() {
    LatencyRecorder recorder = new LatencyRecorder();
    for (int i = 0; i < LatencyRecorder.WINDOW; i++) {
      recorder.record(1_000_000_000L);
    }
    for (int i = 0; i < LatencyRecorder.WINDOW; i++) {
      recorder.record(1_000_000L);
    }

    DurationStats stats = recorder.snapshot();

    assertThat(recorder.totalCount()).isEqualTo(2L * LatencyRecorder.WINDOW);
    assertThat(stats.count()).isEqualTo(LatencyRecorder.WINDOW);
    assertThat(stats.maxMs()).isEqualTo(1);
    assertThat(stats.p99Ms()).isEqualTo(1.0);
  }

  @Test
  void counters_lose_nothing_under_concurrent_updates() {
    int threads = 8;
    int perThread = 10_000;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                awaitQuietly(go);
                for (int i = 0; i < perThread; i++) {
                  counters.onSucceeded();
                  counters.claimLatency().record(i);
                }
              },
              "counter-" + t);
      workers.add(worker);
      worker.start();
    }

    go.countDown();
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          for (Thread worker : workers) {
            worker.join();
          }
        });

    assertThat(counters.view().succeeded()).isEqualTo((long) threads * perThread);
    assertThat(counters.claimLatency().totalCount()).isEqualTo((long) threads * perThread);
    assertThat(counters.claimLatency().snapshot().count()).isEqualTo(LatencyRecorder.WINDOW);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
