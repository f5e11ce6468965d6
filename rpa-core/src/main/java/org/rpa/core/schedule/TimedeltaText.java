package org.rpa.core.schedule;

import java.time.Duration;

/**
 * Renders a duration as Python's {@code str(timedelta)}: {@code 0:00:30}, {@code 1 day, 0:00:00}.
 */
final class TimedeltaText {
  private TimedeltaText() {}

  static String of(Duration duration) {
    long totalSeconds = duration.getSeconds();
    long days = totalSeconds / 86_400;
    long rest = totalSeconds % 86_400;
    String clock =
        String.format("%d:%02d:%02d", rest / 3600, (rest % 3600) / 60, rest % 60)
            + (duration.getNano() / 1000 == 0
                ? ""
                : String.format(".%06d", duration.getNano() / 1000));
    if (days == 0) {
      return clock;
    }
    return days + (days == 1 ? " day, " : " days, ") + clock;
  }
}
