package org.rpa.core.remote;

import java.util.Map;

/**
 * The orchestrator's remote workers, as configured with {@code remoteWorker(..)}. Each worker that
 * answers its probe holds one executor lease in the store, renewed while it answers: a worker that
 * dies stops being renewed, and the lease sweeper returns its jobs to the queue for another. Every
 * call to a worker goes through its circuit breaker {@code worker-<n>}.
 *
 * <p>Thread-safe.
 */
public interface RemoteWorkers {

  /** How a reported result was taken. */
  enum Completion {
    /** Written: the job moved on. */
    APPLIED,
    /** This attempt's result was already written; nothing changed. */
    DUPLICATE,
    /** No such job. */
    UNKNOWN_JOB,
    /** The job is final, or not leased to that worker for that attempt; nothing changed. */
    CONFLICT
  }

  /** Each worker's address and {@code online} or {@code offline}, in configuration order. */
  Map<String, String> states();

  /** How many workers answer now. */
  int online();

  /** How many workers are configured. */
  int configured();

  /**
   * Applies a worker's result for one attempt, once: a second report of the same attempt is a
   * {@link Completion#DUPLICATE} and changes nothing.
   */
  Completion complete(RemoteResult result);
}
