package org.rpa.core.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every type of event the orchestrator publishes, with its channel, a description and an example:
 * the catalog a client reads to know what a stream can carry. Types are derived from the event
 * classes themselves (a job's event per {@link JobStateChanged#STATUSES status}, a loop's per
 * {@link LoopStateChanged#STATUSES status}), so that the list holds every type an event can have.
 *
 * <p>Channels group the types a client subscribes to together: {@code jobs} (a job's life), {@code
 * robots} (the executors), {@code queue} (its depth), {@code alerts} (alert rules firing and
 * resolving) and {@code system} (health, circuit breakers, supervised loops).
 */
public final class EventTypes {
  /** The channels, in the order a client would list them. */
  public static final List<String> CHANNELS =
      List.of("jobs", "robots", "queue", "alerts", "system");

  private static final Instant EXAMPLE_AT = Instant.parse("2026-01-05T10:30:00Z");
  private static final List<EventType> ALL = catalog();
  private static final Map<String, EventType> BY_TYPE =
      ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

  private EventTypes() {}

  /** Every event type, grouped by channel in {@link #CHANNELS}' order. */
  public static List<EventType> all() {
    return ALL;
  }

  /** The event type named {@code type}, if the orchestrator publishes it. */
  public static Optional<EventType> of(String type) {
    return Optional.ofNullable(BY_TYPE.get(type));
  }

  /**
   * The channel {@code event} belongs to.
   *
   * @throws IllegalArgumentException for an event whose type is not in the catalog
   */
  public static String channelOf(RpaEvent event) {
    EventType type = BY_TYPE.get(event.type());
    if (type == null) {
      throw new IllegalArgumentException("No event type named '" + event.type() + "'");
    }
    return type.channel();
  }

  private static List<EventType> catalog() {
    var types = new ArrayList<EventType>();
    types.add(
        new EventType(
            "job.created",
            "jobs",
            "A job was submitted: queued, or scheduled for later",
            JobStateChanged.class,
            job(null, "QUEUED", 0, null, "created")));
    for (String status : JobStateChanged.STATUSES) {
      String from = status.equals("QUEUED") ? "SCHEDULED" : "QUEUED";
      types.add(
          new EventType(
              "job." + status.toLowerCase(Locale.ROOT),
              "jobs",
              "A job moved to " + status + ": " + jobMeaning(status),
              JobStateChanged.class,
              job(from, status, status.equals("QUEUED") ? 0 : 1, "orchestrator-1", null)));
    }
    types.add(
        new EventType(
            "robot.heartbeat",
            "robots",
            "An executor renewed its lease, with its load and its processes' CPU and memory",
            ExecutorHeartbeat.class,
            new ExecutorHeartbeat("orchestrator-1", "busy", 2, 4, 45.2, 1024.5, EXAMPLE_AT)));
    types.add(
        new EventType(
            "robot.offline",
            "robots",
            "A remote worker that was online stopped answering its probe",
            ExecutorOffline.class,
            new ExecutorOffline(
                "worker-7f3a",
                "http://localhost:8621/execute",
                "did not answer its probe",
                EXAMPLE_AT)));
    types.add(
        new EventType(
            "queue.depth",
            "queue",
            "The queue's depth, every " + QueueDepthSampled.INTERVAL_SECONDS + " seconds",
            QueueDepthSampled.class,
            new QueueDepthSampled(42, 7, 4, EXAMPLE_AT)));
    for (String state : AlertStateChanged.STATES) {
      boolean firing = state.equals("FIRING");
      types.add(
          new EventType(
              "alert." + state.toLowerCase(Locale.ROOT),
              "alerts",
              firing
                  ? "An alert rule started firing, or changed severity while firing"
                  : "An alert rule that fired stopped firing",
              AlertStateChanged.class,
              new AlertStateChanged(
                  "HighFailureRate",
                  "CRITICAL",
                  state,
                  firing
                      ? "12.5% of 80 executions failed in the last hour"
                      : "2.5% of 80 executions failed in the last hour",
                  EXAMPLE_AT)));
    }
    types.add(
        new EventType(
            "system.health_changed",
            "system",
            "The overall health changed between two health reports",
            HealthChanged.class,
            new HealthChanged("healthy", "degraded", "Degraded components: worker-1", EXAMPLE_AT)));
    types.add(
        new EventType(
            "breaker.state_changed",
            "system",
            "A circuit breaker opened, closed or went half-open",
            BreakerStateChanged.class,
            new BreakerStateChanged("worker-1", "closed", "open", EXAMPLE_AT)));
    for (String status : LoopStateChanged.STATUSES) {
      types.add(
          new EventType(
              "supervisor.worker_" + status.toLowerCase(Locale.ROOT),
              "system",
              "A supervised background loop is " + status.toLowerCase(Locale.ROOT),
              LoopStateChanged.class,
              new LoopStateChanged(
                  "lease_sweeper",
                  status,
                  status.equals("RUNNING") ? 0 : 1,
                  status.equals("RUNNING") || status.equals("STOPPED")
                      ? null
                      : "Connection reset by peer",
                  EXAMPLE_AT)));
    }
    return List.copyOf(types);
  }

  private static JobStateChanged job(
      String from, String to, int attempt, String executor, String reason) {
    return new JobStateChanged(
        1042, "mfn", "validate", from, to, attempt, executor, reason, EXAMPLE_AT);
  }

  private static String jobMeaning(String status) {
    return switch (status) {
      case "SCHEDULED" -> "waiting for its time or for a retry";
      case "QUEUED" -> "due, waiting for an executor";
      case "CLAIMED" -> "an executor took it";
      case "RUNNING" -> "an executor started it";
      case "COMPLETED" -> "it succeeded";
      case "FAILED" -> "it failed and will not be retried";
      case "CANCELLED" -> "it was cancelled";
      default -> throw new IllegalStateException("Unknown job status " + status);
    };
  }
}
