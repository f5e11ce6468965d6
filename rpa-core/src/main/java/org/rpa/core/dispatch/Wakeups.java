package org.rpa.core.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * How a submit reaches the dispatcher. On H2 a submit through this orchestrator wakes its
 * dispatcher at once by an in-process signal; on PostgreSQL any instance's submit sends {@code
 * NOTIFY rpa_jobs}, which a listener on a connection of its own hears. Either way the dispatcher
 * also polls every {@code pollInterval}: when wake-ups are not pushed, that poll is what picks the
 * jobs up.
 *
 * @param pushed whether submits wake the dispatcher ({@code native}) or it finds them by polling
 * @param state {@link State#SIGNAL} on H2; on PostgreSQL whether the listener listens
 * @param reason why wake-ups are not pushed, or {@code null} when they are
 * @param since when the listener last started or stopped listening; {@code null} on H2
 * @param lastError why the listener's connection was last lost, or {@code null}
 */
public record Wakeups(
    Mechanism mechanism,
    State state,
    boolean pushed,
    String reason,
    String channel,
    Duration pollInterval,
    Instant since,
    String lastError) {

  /** What carries wake-ups. */
  public enum Mechanism {
    /** The in-process signal of a submit through this orchestrator (H2). */
    IN_PROCESS,
    /** PostgreSQL's {@code LISTEN}/{@code NOTIFY}, heard from every instance's submits. */
    LISTEN_NOTIFY;

    /** The wire spelling: {@code in_process}, {@code listen_notify}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The state of the mechanism. */
  public enum State {
    /** The in-process signal, which has no connection to lose. */
    SIGNAL,
    /** The listener's connection listens. */
    LISTENING,
    /** The listener's connection was lost; it tries again every second. */
    RECONNECTING,
    /** No listener runs: the orchestrator has not started, or is stopping. */
    STOPPED;

    /** The wire spelling: {@code signal}, {@code listening}, {@code reconnecting}, … */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Wakeups {
    Objects.requireNonNull(mechanism, "mechanism");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (pushed != (reason == null)) {
      throw new IllegalArgumentException(
          "reason must be given exactly when wake-ups are not pushed, but was " + reason);
    }
  }

  /** {@code native} when submits wake the dispatcher, {@code polling} otherwise. */
  public String observerType() {
    return pushed ? "native" : "polling";
  }
}
