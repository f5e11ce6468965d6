package org.rpa.core.alert;

import java.time.Duration;
import java.util.Objects;
import org.rpa.core.health.Thresholds;

/**
 * The rules' thresholds.
 *
 * @param minSuccessRatePercent {@code HighFailureRate} fires while the success rate is below it
 * @param successRateWindow the window the success rate is taken over
 * @param quietPeriod {@code NoRecentExecutions} fires when no execution ended within it while jobs
 *     are scheduled
 * @param thresholds the traffic light's thresholds, for the rules that follow them
 */
public record AlertSettings(
    double minSuccessRatePercent,
    Duration successRateWindow,
    Duration quietPeriod,
    Thresholds thresholds) {

  /** Success rate under 80 % over an hour, no execution in 5 minutes, the default light. */
  public static final AlertSettings DEFAULTS =
      new AlertSettings(80, Duration.ofHours(1), Duration.ofMinutes(5), Thresholds.DEFAULTS);

  /**
   * @throws IllegalArgumentException when a value is out of range
   */
  public AlertSettings {
    if (!(minSuccessRatePercent >= 0 && minSuccessRatePercent <= 100)) {
      throw new IllegalArgumentException(
          "minSuccessRatePercent must be in [0, 100], but was " + minSuccessRatePercent);
    }
    positive("successRateWindow", successRateWindow);
    positive("quietPeriod", quietPeriod);
    Objects.requireNonNull(thresholds, "thresholds");
  }

  private static void positive(String field, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, but was " + value);
    }
  }
}
