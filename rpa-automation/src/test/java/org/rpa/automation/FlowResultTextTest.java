package org.rpa.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The texts of a flow's documented result: its message and its processing time. */
class FlowResultTextTest {
  @Test
  void the_processing_time_is_hours_minutes_and_seconds() {
    assertThat(FlowHandler.clockTime(Duration.ofSeconds(225))).isEqualTo("00:03:45");
    assertThat(FlowHandler.clockTime(Duration.ZERO)).isEqualTo("00:00:00");
    assertThat(FlowHandler.clockTime(Duration.ofMillis(999))).isEqualTo("00:00:00");
    assertThat(FlowHandler.clockTime(Duration.ofSeconds(3599))).isEqualTo("00:59:59");
    assertThat(FlowHandler.clockTime(Duration.ofHours(25).plusMinutes(1))).isEqualTo("25:01:00");
  }

  @Test
  void the_message_names_the_action() {
    assertThat(FlowHandler.completedMessage("validation"))
        .isEqualTo("Validation completed successfully");
    assertThat(FlowHandler.completedMessage("cancellation"))
        .isEqualTo("Cancellation completed successfully");
    assertThat(FlowHandler.completedMessage("check_status"))
        .isEqualTo("Check status completed successfully");
  }
}
