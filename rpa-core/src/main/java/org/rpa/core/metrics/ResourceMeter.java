package org.rpa.core.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns a {@link ResourceSampler}'s running totals into {@link ResourceSample}s: the memory as read
 * now, and the CPU percentage over the interval since the previous reading, which it keeps. The
 * caller passes the time of each sample (from its injected clock), so the meter reads no clock. An
 * interval shorter than {@link #MIN_INTERVAL} keeps the previous percentage, so that two samples
 * taken close together do not give a noisy figure.
 *
 * <p>Thread-safe.
 */
public final class ResourceMeter {
  /** The shortest interval a CPU percentage is computed over. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  private final ResourceSampler sampler;
  private ResourceSampler.Usage previous;
  private Instant previousAt;
  private double cpuPercent;

  public ResourceMeter(ResourceSampler sampler) {
    this.sampler = Objects.requireNonNull(sampler, "sampler");
  }

  /** Reads the sampler at {@code now}. */
  public synchronized ResourceSample sample(Instant now) {
    ResourceSampler.Usage usage = sampler.read();
    if (previous == null) {
      previous = usage;
      previousAt = now;
    } else {
      Duration elapsed = Duration.between(previousAt, now);
      if (elapsed.compareTo(MIN_INTERVAL) >= 0) {
        long used = Math.max(0, usage.cpuTime().minus(previous.cpuTime()).toNanos());
        cpuPercent = Math.round(used * 1000.0 / elapsed.toNanos()) / 10.0;
        previous = usage;
        previousAt = now;
      }
    }
    return new ResourceSample(cpuPercent, usage.memoryBytes(), usage.processes());
  }
}
