package org.rpa.server;

import java.time.Duration;
import org.rpa.core.alert.AlertSettings;
import org.rpa.core.health.Thresholds;

/**
 * The {@code ALERT_*} keys: the alert rules' thresholds, whole numbers, with the core's defaults. A
 * warning threshold above its critical one is a problem of the configuration.
 */
final class AlertKeys {
  private AlertKeys() {}

  static AlertSettings read(Settings settings) {
    AlertSettings defaults = AlertSettings.DEFAULTS;
    Thresholds light = defaults.thresholds();
    int minSuccess =
        settings.integer("ALERT_MIN_SUCCESS_RATE", (int) defaults.minSuccessRatePercent(), 0, 100);
    int window =
        settings.integer(
            "ALERT_SUCCESS_RATE_WINDOW_MINUTES",
            (int) defaults.successRateWindow().toMinutes(),
            1,
            43_200);
    int quiet =
        settings.integer("ALERT_QUIET_MINUTES", (int) defaults.quietPeriod().toMinutes(), 1, 1_440);
    int failureWarning =
        settings.integer(
            "ALERT_FAILURE_RATE_WARNING", (int) light.failureRateYellowPercent(), 0, 100);
    int failureCritical =
        settings.integer(
            "ALERT_FAILURE_RATE_CRITICAL", (int) light.failureRateRedPercent(), 0, 100);
    int queueWarning =
        settings.integer("ALERT_QUEUE_WARNING", (int) light.queueYellow(), 0, 1_000_000);
    int queueCritical =
        settings.integer("ALERT_QUEUE_CRITICAL", (int) light.queueRed(), 0, 1_000_000);
    int utilization =
        settings.integer(
            "ALERT_UTILIZATION_WARNING", (int) light.utilizationYellowPercent(), 0, 100);
    if (failureWarning > failureCritical) {
      settings.problem(
          "ALERT_FAILURE_RATE_WARNING "
              + failureWarning
              + " must not be above ALERT_FAILURE_RATE_CRITICAL "
              + failureCritical);
      return defaults;
    }
    if (queueWarning > queueCritical) {
      settings.problem(
          "ALERT_QUEUE_WARNING "
              + queueWarning
              + " must not be above ALERT_QUEUE_CRITICAL "
              + queueCritical);
      return defaults;
    }
    return new AlertSettings(
        minSuccess,
        Duration.ofMinutes(window),
        Duration.ofMinutes(quiet),
        new Thresholds(failureWarning, failureCritical, queueWarning, queueCritical, utilization));
  }
}
