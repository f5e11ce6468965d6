package org.rpa.server.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed-window counter per key (a client address): at most {@code limit} hits per window. Time
 * comes from the injected clock, so tests advance it instead of sleeping. Old windows are dropped
 * as keys are touched, and all at once when the map grows past {@value #SWEEP_THRESHOLD} keys.
 *
 * <p>Thread-safe.
 */
public final class RateLimiter {
  private static final int SWEEP_THRESHOLD = 10_000;

  /** Whether a hit is allowed, and if not, in how many whole seconds the window ends. */
  public record Decision(boolean allowed, long retryAfterSeconds) {}

  private record Window(Instant start, int hits) {}

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public RateLimiter(int limit, Duration window, Clock clock) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, but was " + limit);
    }
    this.limit = limit;
    this.window = Objects.requireNonNull(window, "window");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Counts one hit for {@code key}. */
  public Decision acquire(String key) {
    Instant now = clock.instant();
    if (windows.size() > SWEEP_THRESHOLD) {
      windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
    }
    Window current =
        windows.compute(
            key,
            (k, old) ->
                old == null || !now.isBefore(old.start().plus(window))
                    ? new Window(now, 1)
                    : new Window(old.start(), old.hits() + 1));
    return decide(current, now);
  }

  /**
   * Takes one of {@code key}'s slots if the window has one left, atomically: of any number of
   * concurrent callers, at most {@code limit} per window are allowed. A refused call takes nothing.
   * Used to count a login attempt before its password is checked.
   */
  public Decision reserve(String key) {
    Instant now = clock.instant();
    boolean[] taken = new boolean[1];
    Window current =
        windows.compute(
            key,
            (k, old) -> {
              if (old == null || !now.isBefore(old.start().plus(window))) {
                taken[0] = true;
                return new Window(now, 1);
              }
              if (old.hits() < limit) {
                taken[0] = true;
                return new Window(old.start(), old.hits() + 1);
              }
              return old;
            });
    return taken[0] ? ok() : decide(new Window(current.start(), limit + 1), now);
  }

  /** Forgets {@code key}, as after a successful login: its full allowance is back. */
  public void reset(String key) {
    windows.remove(key);
  }

  private Decision decide(Window current, Instant now) {
    if (current.hits() <= limit) {
      return ok();
    }
    long millis = Duration.between(now, current.start().plus(window)).toMillis();
    return new Decision(false, Math.max(1, (millis + 999) / 1000));
  }

  private static Decision ok() {
    return new Decision(true, 0);
  }
}
