package org.rpa.core.remote;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One attempt of a job, as the orchestrator hands it to a worker ({@code POST /execute}).
 *
 * @param executorId the lease holder in the orchestrator's store; the worker names it in its result
 * @param credential the dispatch's credential, opaque to the core: the transport mints it when it
 *     hands the attempt over and the worker returns it with the result; null when none was given
 */
public record RemoteJob(
    long jobId,
    String provider,
    String action,
    Map<String, Object> params,
    int occurrence,
    int attempt,
    Duration timeout,
    String executorId,
    String credential) {
  public RemoteJob {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(action, "action");
    params = Map.copyOf(params);
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(executorId, "executorId");
  }

  /** The same attempt with {@code credential}. */
  public RemoteJob withCredential(String credential) {
    return new RemoteJob(
        jobId, provider, action, params, occurrence, attempt, timeout, executorId, credential);
  }

  /** The key that identifies this attempt: {@code <job>:<occurrence>:<attempt>}. */
  public String idempotencyKey() {
    return jobId + ":" + occurrence + ":" + attempt;
  }

  /** Every component but the credential, which never appears in logs. */
  @Override
  public String toString() {
    return "RemoteJob[jobId=%d, provider=%s, action=%s, occurrence=%d, attempt=%d, timeout=%s,"
            .formatted(jobId, provider, action, occurrence, attempt, timeout)
        + " executorId=%s, credential=%s]"
            .formatted(executorId, credential == null ? "none" : "***");
  }
}
