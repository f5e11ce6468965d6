package org.rpa.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.rpa.core.InvalidRequestException;

class CronExpressionTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId JOHANNESBURG = ZoneId.of("Africa/Johannesburg");

  @Test
  void five_fields_are_unix_cron() {
    Instant next = next("0 2 * * *", "2026-01-01T00:00:00Z", ZoneId.of("UTC"));
    assertThat(next).isEqualTo("2026-01-01T02:00:00Z");
  }

  @Test
  void six_fields_have_leading_seconds() {
    Instant next = next("15 0 2 * * *", "2026-01-01T00:00:00Z", ZoneId.of("UTC"));
    assertThat(next).isEqualTo("2026-01-01T02:00:15Z");
  }

  @Test
  void next_is_strictly_after_the_given_instant() {
    Instant next = next("0 2 * * *", "2026-01-01T02:00:00Z", ZoneId.of("UTC"));
    assertThat(next).isEqualTo("2026-01-02T02:00:00Z");
  }

  @Test
  void spring_forward_in_berlin_skips_the_missing_local_time() {
    // 2026-03-29 02:00 CET jumps to 03:00 CEST: 02:30 does not exist that day.
    assertThat(next("30 2 * * *", "2026-03-28T01:30:00Z", BERLIN))
        .isEqualTo("2026-03-30T00:30:00Z");
  }

  @Test
  void spring_forward_in_new_york_skips_the_missing_local_time() {
    // 2026-03-08 02:00 EST jumps to 03:00 EDT.
    assertThat(next("30 2 * * *", "2026-03-07T07:30:00Z", NEW_YORK))
        .isEqualTo("2026-03-09T06:30:00Z");
  }

  @Test
  void fall_back_in_berlin_fires_once_at_the_first_occurrence() {
    // 2026-10-25 03:00 CEST falls back to 02:00 CET: 02:30 happens at 00:30Z and at 01:30Z.
    Instant first = next("30 2 * * *", "2026-10-24T12:00:00Z", BERLIN);
    assertThat(first).isEqualTo("2026-10-25T00:30:00Z");
    assertThat(next("30 2 * * *", first.toString(), BERLIN)).isEqualTo("2026-10-26T01:30:00Z");
  }

  @Test
  void fall_back_in_new_york_fires_once_at_the_first_occurrence() {
    // 2026-11-01 02:00 EDT falls back to 01:00 EST: 01:30 happens at 05:30Z and at 06:30Z.
    Instant first = next("30 1 * * *", "2026-10-31T12:00:00Z", NEW_YORK);
    assertThat(first).isEqualTo("2026-11-01T05:30:00Z");
    assertThat(next("30 1 * * *", first.toString(), NEW_YORK)).isEqualTo("2026-11-02T06:30:00Z");
  }

  @Test
  void johannesburg_has_no_dst_so_two_am_is_always_midnight_utc() {
    assertThat(next("0 2 * * *", "2026-03-28T12:00:00Z", JOHANNESBURG))
        .isEqualTo("2026-03-29T00:00:00Z");
    assertThat(next("0 2 * * *", "2026-10-24T12:00:00Z", JOHANNESBURG))
        .isEqualTo("2026-10-25T00:00:00Z");
  }

  @Test
  void a_date_that_never_comes_has_no_next_run() {
    assertThat(
            CronExpression.parse("0 0 30 2 *")
                .nextAfter(ZonedDateTime.parse("2026-01-01T00:00:00Z")))
        .isEmpty();
  }

  @Test
  void bad_expressions_are_invalid_requests_naming_the_cron_field() {
    for (String bad : new String[] {"61 * * * *", "* * * *", "a b c d e", "", "1 2 3 4 5 6 7"}) {
      assertThatThrownBy(() -> CronExpression.parse(bad))
          .isInstanceOf(InvalidRequestException.class)
          .extracting(e -> ((InvalidRequestException) e).field())
          .isEqualTo("cron");
    }
  }

  private static Instant next(String expression, String after, ZoneId zone) {
    return CronExpression.parse(expression)
        .nextAfter(Instant.parse(after).atZone(zone))
        .orElseThrow()
        .toInstant();
  }
}
