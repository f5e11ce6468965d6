package org.rpa.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rpa.core.analytics.History.at;

import org.junit.jupiter.api.Test;

/** What self-healing did, counted by the database from the stored steps. */
interface HealingContract extends AnalyticsFixture {
  @Test
  default void the_healing_of_a_window_counts_its_steps_by_what_healing_did() {
    assertThat(analytics().healing(morning())).isEqualTo(new HealingStats(3, 1, 1));
    assertThat(analytics().healing(new TimeWindow(at("09:00:00"), at("10:00:00"))))
        .isEqualTo(new HealingStats(2, 1, 0));
    assertThat(analytics().healing(new TimeWindow(at("11:00:00"), at("12:00:00"))))
        .isEqualTo(new HealingStats(1, 0, 1));
  }

  @Test
  default void the_success_rate_counts_tries_and_is_empty_without_one() {
    assertThat(analytics().healing(morning()).successRate()).hasValue(0.75);
    assertThat(analytics().healing(new TimeWindow(at("11:00:00"), at("12:00:00"))).successRate())
        .hasValue(1.0);
    assertThat(analytics().healing(new TimeWindow(at("12:00:00"), at("13:00:00"))))
        .isEqualTo(HealingStats.NONE);
    assertThat(HealingStats.NONE.successRate()).isEmpty();
    assertThat(new HealingStats(0, 0, 4).successRate()).as("no alternative is not a try").isEmpty();
  }
}
