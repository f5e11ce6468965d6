package org.rpa.core.engine;

import java.util.List;
import org.rpa.core.event.EventBus;
import org.rpa.core.event.JobStateChanged;
import org.rpa.core.job.JobStatus;
import org.rpa.core.store.JobStore;
import org.rpa.core.store.Transition;

/**
 * The one way a job's status changes: the store writes the status and its log row in one
 * transaction, and after the commit this publishes exactly one event per change that took effect.
 *
 * <p>Thread-safe.
 */
final class StateMachine {
  private final JobStore store;
  private final EventBus events;
  private final EngineMeters meters;

  public StateMachine(JobStore store, EventBus events, EngineMeters meters) {
    this.store = store;
    this.events = events;
    this.meters = meters;
  }

  /**
   * Applies the transitions (each only if its condition still holds) and publishes the ones that
   * took effect.
   *
   * @return the transitions that took effect
   */
  public List<Transition> apply(List<Transition> transitions) {
    List<Transition> applied = store.apply(transitions);
    publish(applied);
    return applied;
  }

  /** Publishes transitions the store already committed (claims, promotions). */
  public void publish(List<Transition> applied) {
    for (Transition t : applied) {
      events.publish(
          new JobStateChanged(
              t.job().id(),
              t.job().provider(),
              t.job().action(),
              t.from().status().name(),
              t.to().status().name(),
              t.attemptForLog(),
              t.log().executor(),
              t.log().reason(),
              t.log().at()));
      meters.applied(t);
    }
  }

  /** Publishes the creation of a job. */
  public void publishCreated(
      long jobId, String provider, String action, JobStatus status, java.time.Instant at) {
    events.publish(
        new JobStateChanged(jobId, provider, action, null, status.name(), 0, null, "created", at));
  }

  public JobStore store() {
    return store;
  }

  public EventBus events() {
    return events;
  }
}
