package org.rpa.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.rpa.core.InvalidRequestException;

class TriggerTest {
  private static final ZoneId JOHANNESBURG = ZoneId.of("Africa/Johannesburg");

  @Test
  void interval_describes_itself_like_apscheduler() {
    assertThat(Trigger.every(Duration.ofSeconds(30)).describe()).isEqualTo("interval[0:00:30]");
    assertThat(Trigger.every(Duration.ofMinutes(5)).describe()).isEqualTo("interval[0:05:00]");
    assertThat(Trigger.every(Duration.ofHours(10)).describe()).isEqualTo("interval[10:00:00]");
    assertThat(Trigger.every(Duration.ofDays(1)).describe()).isEqualTo("interval[1 day, 0:00:00]");
    assertThat(Trigger.every(Duration.ofHours(50)).describe())
        .isEqualTo("interval[2 days, 2:00:00]");
    assertThat(Trigger.every(Duration.ofMillis(1500)).describe())
        .isEqualTo("interval[0:00:01.500000]");
  }

  @Test
  void cron_describes_expression_and_zone() {
    assertThat(Trigger.cron("0 2 * * *", JOHANNESBURG).describe())
        .isEqualTo("cron[0 2 * * *, Africa/Johannesburg]");
  }

  @Test
  void interval_next_is_one_period_later() {
    assertThat(
            Trigger.every(Duration.ofSeconds(30)).nextAfter(Instant.parse("2026-01-01T00:00:00Z")))
        .contains(Instant.parse("2026-01-01T00:00:30Z"));
  }

  @Test
  void daily_at_fires_at_that_local_time() {
    Trigger trigger = Trigger.dailyAt(LocalTime.of(2, 0), JOHANNESBURG);
    assertThat(trigger).isEqualTo(Trigger.cron("0 2 * * *", JOHANNESBURG));
    assertThat(trigger.nextAfter(Instant.parse("2026-08-01T10:30:00Z")))
        .contains(Instant.parse("2026-08-02T00:00:00Z"));
    assertThat(Trigger.dailyAt(LocalTime.of(6, 15, 30), JOHANNESBURG).describe())
        .isEqualTo("cron[30 15 6 * * *, Africa/Johannesburg]");
  }

  @Test
  void spec_round_trips_through_parse() {
    for (Trigger trigger :
        new Trigger[] {
          Trigger.every(Duration.ofSeconds(30)),
          Trigger.every(Duration.ofDays(1)),
          Trigger.cron("0 2 * * *", JOHANNESBURG),
          Trigger.cron("15 0 2 * * *", ZoneId.of("UTC"))
        }) {
      assertThat(Trigger.parse(trigger.spec())).isEqualTo(trigger);
    }
    assertThat(Trigger.every(Duration.ofSeconds(30)).spec()).isEqualTo("interval:PT30S");
    assertThat(Trigger.cron("0 2 * * *", JOHANNESBURG).spec())
        .isEqualTo("cron:0 2 * * *;Africa/Johannesburg");
  }

  @Test
  void invalid_input_names_the_field() {
    assertInvalid(() -> Trigger.every(Duration.ZERO), "period");
    assertInvalid(() -> Trigger.every(Duration.ofSeconds(-1)), "period");
    assertInvalid(() -> Trigger.cron("0 25 * * *", JOHANNESBURG), "cron");
    assertInvalid(() -> Trigger.parse("cron:0 2 * * *;Mars/Olympus"), "zone");
    assertInvalid(() -> Trigger.parse("interval:30s"), "trigger");
    assertInvalid(() -> Trigger.parse("every 30 seconds"), "trigger");
    assertInvalid(() -> Trigger.parse(null), "trigger");
  }

  private static void assertInvalid(Runnable call, String field) {
    assertThatThrownBy(call::run)
        .isInstanceOf(InvalidRequestException.class)
        .extracting(e -> ((InvalidRequestException) e).field())
        .isEqualTo(field);
  }
}
