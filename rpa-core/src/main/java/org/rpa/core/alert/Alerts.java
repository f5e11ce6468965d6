package org.rpa.core.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.rpa.core.alert.AlertRules.Condition;
import org.rpa.core.event.AlertStateChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert rules and their state. {@link #evaluate()} reads a snapshot of the system and moves
 * each rule to {@code FIRING} or {@code RESOLVED}; the orchestrator calls it on a schedule, and
 * {@link #list()} answers from the last evaluation. Every change (a rule starting or stopping to
 * fire, or a firing rule changing severity) is published as an {@link AlertStateChanged}.
 *
 * <p>The rules: {@code HighFailureRate} (success rate under {@link
 * AlertSettings#minSuccessRatePercent()} over {@link AlertSettings#successRateWindow()}), {@code
 * NoRecentExecutions} (no execution in {@link AlertSettings#quietPeriod()} while jobs are
 * scheduled), {@code DatabaseUnhealthy}, and the traffic light's {@code JobFailureRate}, {@code
 * QueueSize}, {@code WorkerUtilization}, {@code NoWorkerOnline} and {@code SchedulerNotRunning}.
 *
 * <p>Thread-safe.
 */
public final class Alerts {
  private static final Logger log = LoggerFactory.getLogger(Alerts.class);

  /** Where the rules' inputs come from; it may throw when the store cannot be read. */
  @FunctionalInterface
  public interface Source {
    AlertInputs read(AlertSettings settings);
  }

  private final AlertSettings settings;
  private final Source source;
  private final Clock clock;
  private final Consumer<AlertStateChanged> publisher;
  private final Map<String, Alert> alerts = new LinkedHashMap<>();

  /**
   * @param publisher told of each change after it is made, outside the lock
   */
  public Alerts(
      AlertSettings settings, Source source, Clock clock, Consumer<AlertStateChanged> publisher) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  public AlertSettings settings() {
    return settings;
  }

  /** Every rule as last evaluated, in a fixed order; evaluates first if it never has. */
  public List<Alert> list() {
    synchronized (alerts) {
      if (!alerts.isEmpty()) {
        return List.copyOf(alerts.values());
      }
    }
    return evaluate();
  }

  /** The rules that fire now, as last evaluated. */
  public List<Alert> firing() {
    return list().stream().filter(Alert::firing).toList();
  }

  /**
   * Reads the inputs and evaluates every rule. When the inputs cannot be read, only {@code
   * DatabaseUnhealthy} is evaluated (firing, with the error) and the other rules keep their state.
   *
   * @return every rule, as {@link #list()} will answer until the next evaluation
   */
  public List<Alert> evaluate() {
    Instant now = clock.instant();
    List<Condition> conditions;
    try {
      conditions = AlertRules.evaluate(source.read(settings), settings);
    } catch (RuntimeException e) {
      log.warn("Alert inputs could not be read", e);
      conditions = List.of(AlertRules.database(false, e.getMessage()));
    }
    var changes = new ArrayList<AlertStateChanged>();
    List<Alert> all;
    synchronized (alerts) {
      for (Condition condition : conditions) {
        apply(condition, now, changes);
      }
      all = List.copyOf(alerts.values());
    }
    for (AlertStateChanged change : changes) {
      publisher.accept(change);
    }
    return all;
  }

  private void apply(Condition condition, Instant now, List<AlertStateChanged> changes) {
    AlertState state = condition.firing() ? AlertState.FIRING : AlertState.RESOLVED;
    Alert before = alerts.get(condition.name());
    boolean changed =
        before == null
            ? state == AlertState.FIRING
            : before.state() != state
                || (state == AlertState.FIRING && before.severity() != condition.severity());
    Instant since = before == null || before.state() != state ? now : before.since();
    var alert =
        new Alert(condition.name(), condition.severity(), state, since, condition.message(), now);
    alerts.put(condition.name(), alert);
    if (changed) {
      log.info("Alert {} is {} ({}): {}", alert.name(), state, alert.severity(), alert.message());
      changes.add(
          new AlertStateChanged(
              alert.name(), alert.severity().name(), state.name(), alert.message(), now));
    }
  }
}
