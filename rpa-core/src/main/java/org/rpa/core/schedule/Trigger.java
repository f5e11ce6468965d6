package org.rpa.core.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.rpa.core.InvalidRequestException;

/**
 * When a background task fires: every fixed {@link Interval} or on a {@link Cron} expression in a
 * time zone. Triggers are immutable values; {@link #spec()} is their persistent text form and
 * {@link #parse(String)} reads it back.
 */
public sealed interface Trigger permits Trigger.Interval, Trigger.Cron {

  /** The first fire time strictly after {@code after}, or empty if it never fires again. */
  Optional<Instant> nextAfter(Instant after);

  /**
   * Human text as APScheduler renders it: {@code interval[0:00:30]}, {@code cron[0 2 * * *, UTC]}.
   */
  String describe();

  /** The persistent form, such as {@code interval:PT30S} or {@code cron:0 2 * * *;UTC}. */
  String spec();

  /**
   * A trigger that fires every {@code period}, first one period after it is scheduled.
   *
   * @throws InvalidRequestException if the period is not positive
   */
  static Trigger every(Duration period) {
    return new Interval(period);
  }

  /**
   * A trigger on a 5-field Unix or 6-field (leading seconds) cron expression in {@code zone}.
   *
   * @throws InvalidRequestException if the expression does not parse
   */
  static Trigger cron(String expression, ZoneId zone) {
    return new Cron(expression, zone);
  }

  /** A trigger that fires once a day at {@code time} (to the second) in {@code zone}. */
  static Trigger dailyAt(LocalTime time, ZoneId zone) {
    Objects.requireNonNull(time, "time");
    String expression =
        time.getSecond() == 0
            ? time.getMinute() + " " + time.getHour() + " * * *"
            : time.getSecond() + " " + time.getMinute() + " " + time.getHour() + " * * *";
    return new Cron(expression, zone);
  }

  /**
   * Reads a {@link #spec()} back.
   *
   * @throws InvalidRequestException naming the field {@code trigger} (or {@code cron}, {@code
   *     zone}) if the text is not a valid spec
   */
  static Trigger parse(String spec) {
    if (spec != null && spec.startsWith("interval:")) {
      try {
        return new Interval(Duration.parse(spec.substring("interval:".length())));
      } catch (DateTimeParseException e) {
        throw new InvalidRequestException("trigger", spec, "must hold an ISO-8601 duration");
      }
    }
    if (spec != null && spec.startsWith("cron:") && spec.indexOf(';') > 0) {
      int separator = spec.lastIndexOf(';');
      return new Cron(
          spec.substring("cron:".length(), separator), zone(spec.substring(separator + 1)));
    }
    throw new InvalidRequestException(
        "trigger", spec, "must look like interval:PT30S or cron:0 2 * * *;UTC");
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new InvalidRequestException("zone", id, "must be a known time zone id");
    }
  }

  /** Fires every {@code period} (positive). */
  record Interval(Duration period) implements Trigger {
    public Interval {
      if (period == null || period.isNegative() || period.isZero()) {
        throw new InvalidRequestException("period", period, "must be positive");
      }
    }

    @Override
    public Optional<Instant> nextAfter(Instant after) {
      return Optional.of(after.plus(period));
    }

    @Override
    public String describe() {
      return "interval[" + TimedeltaText.of(period) + "]";
    }

    @Override
    public String spec() {
      return "interval:" + period;
    }
  }

  /** Fires on a cron {@code expression} evaluated in {@code zone}. */
  record Cron(String expression, ZoneId zone) implements Trigger {
    public Cron {
      expression = CronExpression.parse(expression).toString();
      if (zone == null) {
        throw new InvalidRequestException("zone", null, "must be a known time zone id");
      }
    }

    @Override
    public Optional<Instant> nextAfter(Instant after) {
      return CronExpression.parse(expression)
          .nextAfter(after.atZone(zone))
          .map(next -> next.toInstant());
    }

    @Override
    public String describe() {
      return "cron[" + expression + ", " + zone.getId() + "]";
    }

    @Override
    public String spec() {
      return "cron:" + expression + ";" + zone.getId();
    }
  }
}
