package org.rpa.core.engine;

import java.time.Duration;
import java.util.function.Supplier;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.testing.H2;
import org.rpa.core.testing.ManualOrchestrator;
import org.rpa.core.testing.MutableClock;

/**
 * Runs a job on H2 without a meter registry and reports its status and the metrics the core keeps
 * itself: {@link WithoutMicrometerTest} loads it in a class loader of its own.
 */
public final class RunWithoutRegistry implements Supplier<String> {
  @Override
  public String get() {
    try {
      // DriverManager hands a caller only the drivers its own class loader registered.
      Class.forName("org.h2.Driver");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    var clock = MutableClock.at("2026-04-01T08:00:00Z");
    try (var rpa =
        ManualOrchestrator.builder()
            .database(H2.memory())
            .clock(clock)
            .handler("demo", "ok", ctx -> JobResult.success())
            .build()) {
      JobId id = rpa.jobs().submit(JobRequest.of("demo", "ok"));
      clock.advance(Duration.ofSeconds(1));
      rpa.tick();
      return rpa.jobs().get(id).status()
          + " submitted="
          + rpa.metrics().live().submitted()
          + " succeeded="
          + rpa.metrics().live().succeeded();
    }
  }
}
