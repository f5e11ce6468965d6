package org.rpa.core.remote;

/**
 * What a worker knows of one job ({@code GET /status/{job_id}}).
 *
 * @param result the outcome when {@code state} is FINISHED; null otherwise
 */
public record RemoteReport(State state, RemoteResult result) {
  /** running, completed or failed (FINISHED), not_found. */
  public enum State {
    RUNNING,
    FINISHED,
    NOT_FOUND
  }

  public RemoteReport {
    if ((state == State.FINISHED) != (result != null)) {
      throw new IllegalArgumentException("result must be given exactly when state is FINISHED");
    }
  }
}
