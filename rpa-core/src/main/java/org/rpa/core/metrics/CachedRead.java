package org.rpa.core.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read at most once per {@code ttl} by the clock (again at once if the clock went back):
 * what a gauge scraped every few seconds reads from a store. A read that throws is logged, and the
 * value is null until the next read is due.
 *
 * <p>Thread-safe.
 */
public final class CachedRead<T> {
  private static final Logger log = LoggerFactory.getLogger(CachedRead.class);

  private final Clock clock;
  private final Duration ttl;
  private final String what;
  private final Supplier<T> read;
  private T value;
  private Instant readAt;

  /**
   * @param what what is read, for the log line of a failed read
   */
  public CachedRead(Clock clock, Duration ttl, String what, Supplier<T> read) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.what = Objects.requireNonNull(what, "what");
    this.read = Objects.requireNonNull(read, "read");
  }

  /**
   * The value, read again when {@code ttl} has passed since the last read; null after a failure.
   */
  public synchronized T get() {
    Instant now = clock.instant();
    if (readAt == null || now.isBefore(readAt) || !now.isBefore(readAt.plus(ttl))) {
      readAt = now;
      try {
        value = read.get();
      } catch (RuntimeException e) {
        log.warn("Reading {} for a gauge failed: {}", what, e.toString());
        value = null;
      }
    }
    return value;
  }
}
