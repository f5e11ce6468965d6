package org.rpa.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy =
      RetryPolicy.ofDefaults()
          .withBackoff(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30))
          .withJitter(0.5);

  @Test
  void the_base_delay_doubles_and_stops_at_the_cap() {
    assertThat(policy.baseDelay(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.baseDelay(2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy.baseDelay(4)).isEqualTo(Duration.ofSeconds(16));
    assertThat(policy.baseDelay(5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.baseDelay(99)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void jitter_only_shortens_the_delay_and_by_at_most_its_fraction() {
    var random = new SplittableRandom(42);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 10_000; i++) {
      long millis = policy.delay(3, random).toMillis();
      min = Math.min(min, millis);
      max = Math.max(max, millis);
    }
    assertThat(min).isGreaterThanOrEqualTo(4_000).isLessThan(4_100);
    assertThat(max).isLessThanOrEqualTo(8_000).isGreaterThan(7_900);
  }

  @Test
  void invalid_settings_name_the_rule() {
    assertThatThrownBy(() -> policy.withMaxAttempts(0))
        .hasMessage("maxAttempts must be between 1 and 100, but was 0");
    assertThatThrownBy(() -> policy.withJitter(1.5))
        .hasMessage("jitter must be between 0 and 1, but was 1.5");
    assertThatThrownBy(() -> policy.withBackoff(Duration.ofSeconds(10), 2, Duration.ofSeconds(1)))
        .hasMessageContaining("maxDelay must be at least initialDelay");
  }
}
