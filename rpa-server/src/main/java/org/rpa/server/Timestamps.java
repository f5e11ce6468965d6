package org.rpa.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the server writes instants: UTC ISO-8601 with milliseconds, and UTC days. Thread-safe. */
public final class Timestamps {
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("uuuuMMdd").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** {@code 2026-01-01T00:00:00.000Z}. */
  public static String format(Instant instant) {
    return INSTANT.format(instant);
  }

  /** {@code 20260101}. */
  public static String day(Instant instant) {
    return DAY.format(instant);
  }
}
