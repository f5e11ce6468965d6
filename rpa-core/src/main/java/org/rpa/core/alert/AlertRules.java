package org.rpa.core.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.rpa.core.health.Thresholds;
import org.rpa.core.health.Thresholds.Level;

/** The built-in rules: what each one reads and says. Stateless. */
final class AlertRules {
  static final String HIGH_FAILURE_RATE = "HighFailureRate";
  static final String NO_RECENT_EXECUTIONS = "NoRecentExecutions";
  static final String DATABASE_UNHEALTHY = "DatabaseUnhealthy";
  static final String JOB_FAILURE_RATE = "JobFailureRate";
  static final String QUEUE_SIZE = "QueueSize";
  static final String WORKER_UTILIZATION = "WorkerUtilization";
  static final String NO_WORKER_ONLINE = "NoWorkerOnline";
  static final String SCHEDULER_NOT_RUNNING = "SchedulerNotRunning";

  /** One rule's verdict on one snapshot. */
  record Condition(String name, AlertSeverity severity, boolean firing, String message) {}

  private AlertRules() {}

  /** Every rule's verdict, in a fixed order. */
  static List<Condition> evaluate(AlertInputs in, AlertSettings settings) {
    var conditions = new ArrayList<Condition>();
    String window = human(settings.successRateWindow());
    String min = number(settings.minSuccessRatePercent());
    Double success = in.successRatePercent();
    conditions.add(
        success != null && success < settings.minSuccessRatePercent()
            ? firing(
                HIGH_FAILURE_RATE,
                AlertSeverity.WARNING,
                "success rate "
                    + number(success)
                    + "% over the last "
                    + window
                    + " is below "
                    + min
                    + "%")
            : resolved(
                HIGH_FAILURE_RATE,
                AlertSeverity.WARNING,
                "fires when the success rate over the last " + window + " is below " + min + "%"));
    String quiet = human(settings.quietPeriod());
    conditions.add(
        in.recentExecutions() == 0 && in.scheduledJobs() > 0
            ? firing(
                NO_RECENT_EXECUTIONS,
                AlertSeverity.CRITICAL,
                "no execution in the last "
                    + quiet
                    + " while "
                    + in.scheduledJobs()
                    + " jobs are scheduled")
            : resolved(
                NO_RECENT_EXECUTIONS,
                AlertSeverity.CRITICAL,
                "fires when no execution ends in " + quiet + " while jobs are scheduled"));
    conditions.add(database(in.databaseHealthy(), null));
    thresholds(in, settings.thresholds(), conditions);
    return conditions;
  }

  /** The database rule alone: for when the store cannot even be read. */
  static Condition database(boolean healthy, String error) {
    if (healthy) {
      return resolved(
          DATABASE_UNHEALTHY, AlertSeverity.CRITICAL, "fires when the store does not answer");
    }
    String message =
        error == null ? "the store does not answer" : "the store does not answer: " + error;
    return firing(DATABASE_UNHEALTHY, AlertSeverity.CRITICAL, message);
  }

  private static void thresholds(AlertInputs in, Thresholds light, List<Condition> conditions) {
    Double failures = in.failureRatePercent();
    Level failureLevel = failures == null ? Level.GREEN : light.failureRate(failures);
    conditions.add(
        failureLevel == Level.GREEN
            ? resolved(
                JOB_FAILURE_RATE,
                AlertSeverity.CRITICAL,
                "fires at a job failure rate of " + number(light.failureRateYellowPercent()) + "%")
            : firing(JOB_FAILURE_RATE, severity(failureLevel), light.failureRateReason(failures)));
    Level queueLevel = light.queue(in.queueSize());
    conditions.add(
        queueLevel == Level.GREEN
            ? resolved(
                QUEUE_SIZE,
                AlertSeverity.CRITICAL,
                "fires when " + light.queueYellow() + " jobs or more are queued")
            : firing(QUEUE_SIZE, severity(queueLevel), light.queueReason(in.queueSize())));
    Level busy = light.utilization(in.utilizationPercent());
    conditions.add(
        busy == Level.GREEN
            ? resolved(
                WORKER_UTILIZATION,
                AlertSeverity.WARNING,
                "fires above " + number(light.utilizationYellowPercent()) + "% utilization")
            : firing(
                WORKER_UTILIZATION,
                AlertSeverity.WARNING,
                light.utilizationReason(in.utilizationPercent())));
    conditions.add(
        in.onlineExecutors() == 0
            ? firing(NO_WORKER_ONLINE, AlertSeverity.CRITICAL, "no workers online")
            : resolved(
                NO_WORKER_ONLINE, AlertSeverity.CRITICAL, "fires when no executor can take work"));
    conditions.add(
        in.schedulerRunning()
            ? resolved(
                SCHEDULER_NOT_RUNNING,
                AlertSeverity.CRITICAL,
                "fires when the background scheduler stops")
            : firing(SCHEDULER_NOT_RUNNING, AlertSeverity.CRITICAL, "scheduler not running"));
  }

  private static AlertSeverity severity(Level level) {
    return level == Level.RED ? AlertSeverity.CRITICAL : AlertSeverity.WARNING;
  }

  private static Condition firing(String name, AlertSeverity severity, String message) {
    return new Condition(name, severity, true, message);
  }

  private static Condition resolved(String name, AlertSeverity severity, String message) {
    return new Condition(name, severity, false, message);
  }

  /** {@code 1h}, {@code 5m}, {@code 90s}: a window as an operator writes it. */
  static String human(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }

  private static String number(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(java.util.Locale.ROOT, "%.2f", value);
  }
}
