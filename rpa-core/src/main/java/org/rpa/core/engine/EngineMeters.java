package org.rpa.core.engine;

import org.rpa.core.store.ClaimedJob;
import org.rpa.core.store.Transition;

/**
 * Where the engine's hot path reports what it measures for a metrics registry: queue waits, claim
 * statements, and the transitions that took effect. {@link #NONE} does nothing; {@link #of} gives
 * the Micrometer meters when the builder was given a registry. No Micrometer type appears here, so
 * that an application without Micrometer never loads one. Not API.
 *
 * <p>Implementations are thread-safe, and every method but {@link #bind} and {@link #close} is
 * called on the hot path: it must not block, and should not allocate.
 */
interface EngineMeters extends AutoCloseable {
  /** Records nothing. */
  EngineMeters NONE = new EngineMeters() {};

  /**
   * {@link #NONE} without a registry; else the meters on {@code registry}, a Micrometer {@code
   * MeterRegistry} (and only then is a Micrometer class loaded).
   */
  static EngineMeters of(Object registry) {
    return registry == null ? NONE : MicrometerMeters.create(registry);
  }

  /** {@code job} started, {@code nanos} after its run_at. */
  default void queueWait(ClaimedJob job, long nanos) {}

  /**
   * One claim statement took {@code nanos}.
   *
   * @param kind {@code local} for this process's executor, {@code remote} for a remote worker's
   */
  default void claim(String kind, long nanos) {}

  /** A transition took effect (the store committed it). */
  default void applied(Transition transition) {}

  /** Registers the gauges and counters that read the engine's parts, once it is wired. */
  default void bind(Engine engine) {}

  /** Removes every meter registered. */
  @Override
  default void close() {}
}
