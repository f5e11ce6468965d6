package org.rpa.core.dispatch;

/**
 * How work flows through the orchestrator now: the intake (how submits reach the dispatcher), the
 * claim batches in flight per executor, and the degradation mode with the services it depends on.
 * Every call reads the store (the queue, the batches, the fleet); the services are read from their
 * last probes, never probed.
 *
 * <p>Thread-safe.
 */
public interface Pipeline {

  /**
   * The pipeline now.
   *
   * @throws org.rpa.core.StoreException when the store cannot be read
   */
  PipelineStatus status();

  /** How submits reach the dispatcher now; reads no store. */
  Wakeups wakeups();
}
