package org.rpa.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.rpa.core.Ticker;

/**
 * A {@link Clock} that stands still until told to move. Give it to an orchestrator (or to any part
 * of the core that reads time) and advance it to test backoff, timeouts, leases, cron and retention
 * without sleeping.
 *
 * <p>It is also the orchestrator's {@link Ticker}: {@link #advance} with a positive duration is
 * time passing and moves both the instant and the elapsed time; {@link #jump} moves the instant
 * only, as a clock set by hand or by NTP does, and so does {@link #advance} with a negative
 * duration (elapsed time never goes back).
 *
 * <p>Thread-safe: the current instant and the elapsed time are swapped together, atomically, so a
 * test thread may advance the clock while engine threads read it.
 */
public final class MutableClock extends Clock implements Ticker {
  private record Reading(Instant instant, long nanos) {}

  private final AtomicReference<Reading> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Reading> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock in UTC that reads {@code instant} until it is advanced or set. */
  public static MutableClock at(Instant instant) {
    return new MutableClock(
        new AtomicReference<>(new Reading(Objects.requireNonNull(instant, "instant"), 0)),
        ZoneOffset.UTC);
  }

  /**
   * A clock in UTC that starts at the given ISO-8601 instant, such as {@code 2026-01-01T00:00:00Z}.
   */
  public static MutableClock at(String isoInstant) {
    return at(Instant.parse(isoInstant));
  }

  /**
   * Lets {@code duration} pass and returns the new instant; a negative duration sets the clock back
   * instead, as {@link #jump} does.
   */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    long passed = duration.isNegative() ? 0 : duration.toNanos();
    return now.updateAndGet(r -> new Reading(r.instant().plus(duration), r.nanos() + passed))
        .instant();
  }

  /**
   * Moves the instant by {@code duration}, forward or back, while no time passes: a clock that is
   * set, not one that runs. Returns the new instant.
   */
  public Instant jump(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    return now.updateAndGet(r -> new Reading(r.instant().plus(duration), r.nanos())).instant();
  }

  /** Sets the clock to {@code instant}: time passes up to a later one, and a clock is set back. */
  public void set(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    now.updateAndGet(
        r -> {
          long passed = Math.max(0, Duration.between(r.instant(), instant).toNanos());
          return new Reading(instant, r.nanos() + passed);
        });
  }

  @Override
  public Instant instant() {
    return now.get().instant();
  }

  /** The time that passed since this clock was made: every positive {@link #advance} together. */
  @Override
  public long nanos() {
    return now.get().nanos();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of the same moving instant in another zone; advancing either moves both. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new MutableClock(now, Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get().instant() + ", " + zone + "]";
  }
}
