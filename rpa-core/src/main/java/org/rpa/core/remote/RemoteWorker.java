package org.rpa.core.remote;

/**
 * The transport to one remote worker service. Implementations make one call per method, with their
 * own timeout; {@link RemoteWorkers} wraps every call in the worker's named circuit breaker.
 *
 * <p>Implementations are thread-safe.
 */
public interface RemoteWorker {

  /** The worker's address, such as {@code http://10.0.0.5:8621}: its name in status views. */
  String url();

  /**
   * Asks the worker what it is and how loaded it is ({@code GET /status}).
   *
   * @throws Exception when the worker does not answer or answers with an error
   */
  WorkerInfo probe() throws Exception;

  /**
   * Hands a job to the worker ({@code POST /execute}).
   *
   * @return whether it took the job
   * @throws java.net.ConnectException when the request certainly did not reach the worker
   * @throws Exception when the outcome is unknown (a timeout: the worker may have taken it)
   */
  Handover execute(RemoteJob job) throws Exception;

  /**
   * Asks the worker about one job ({@code GET /status/{job_id}}).
   *
   * @throws Exception when the worker does not answer
   */
  RemoteReport report(long jobId) throws Exception;

  /** What the worker said to a job handed to it. */
  enum Handover {
    /** 202: it runs the job and reports the result. */
    ACCEPTED,
    /** 429: at capacity; the job goes back to the queue. */
    BUSY,
    /** Any other answer: the worker did not take the job. */
    REFUSED
  }
}
