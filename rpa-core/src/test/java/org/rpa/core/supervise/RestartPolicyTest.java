package org.rpa.core.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
  @Test
  void backoff_doubles_from_one_second_and_caps_at_sixty() {
    RestartPolicy policy = RestartPolicy.ofDefaults();

    assertThat(IntStream.rangeClosed(1, 8).mapToObj(policy::backoff).map(Duration::toSeconds))
        .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L);
  }

  @Test
  void invalid_values_name_the_field() {
    assertThatThrownBy(
            () ->
                new RestartPolicy(
                    Duration.ZERO, 2, Duration.ofSeconds(60), 5, Duration.ofMinutes(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("initialBackoff must be positive");
    assertThatThrownBy(
            () ->
                new RestartPolicy(
                    Duration.ofSeconds(1), 0.5, Duration.ofSeconds(60), 5, Duration.ofMinutes(10)))
        .hasMessageStartingWith("multiplier");
    assertThatThrownBy(
            () ->
                new RestartPolicy(
                    Duration.ofSeconds(1), 2, Duration.ofSeconds(60), -1, Duration.ofMinutes(10)))
        .hasMessageStartingWith("maxRestarts");
  }
}
