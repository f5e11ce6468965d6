package org.rpa.core.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.rpa.core.InvalidRequestException;

/**
 * A parsed cron expression; the only class that touches cron-utils. Five fields are Unix cron
 * ({@code min hour dom month dow}); six fields are Spring cron with leading seconds.
 *
 * <p>Across DST changes (what cron-utils 9.2.1 does, pinned by {@code CronExpressionTest}):
 *
 * <ul>
 *   <li>spring forward: a local time that does not exist that day (02:30 in Europe/Berlin on
 *       2026-03-29, or in America/New_York on 2026-03-08) is <em>skipped</em>; there is no run that
 *       day and the next one is 02:30 the day after. Schedule daily work outside 02:00-03:00 local,
 *       or in a zone without DST, if it must run every day.
 *   <li>fall back: a local time that exists twice (02:30 in Berlin on 2026-10-25) fires
 *       <em>once</em>, at its first (summer time) occurrence.
 *   <li>zones without DST (Africa/Johannesburg) keep a fixed UTC offset every day.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
final class CronExpression {
  private static final CronParser UNIX =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser SPRING =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

  private final String text;
  private final ExecutionTime executionTime;

  private CronExpression(String text, ExecutionTime executionTime) {
    this.text = text;
    this.executionTime = executionTime;
  }

  /**
   * Parses a 5-field Unix or 6-field (leading seconds) cron expression.
   *
   * @throws InvalidRequestException naming the field {@code cron} if it does not parse
   */
  static CronExpression parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    int fields = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    if (fields != 5 && fields != 6) {
      throw new InvalidRequestException(
          "cron", text, "must have 5 fields (min hour dom month dow) or 6 (with leading seconds)");
    }
    try {
      Cron cron = (fields == 5 ? UNIX : SPRING).parse(trimmed);
      cron.validate();
      return new CronExpression(trimmed, ExecutionTime.forCron(cron));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("cron", text, "must be a valid cron expression");
    }
  }

  /** The first fire time strictly after {@code after}, in the zone of {@code after}. */
  Optional<ZonedDateTime> nextAfter(ZonedDateTime after) {
    return executionTime.nextExecution(after).filter(next -> next.isAfter(after));
  }

  @Override
  public String toString() {
    return text;
  }
}
