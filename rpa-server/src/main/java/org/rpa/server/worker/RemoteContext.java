package org.rpa.server.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.rpa.core.job.JobContext;
import org.rpa.core.job.JobId;
import org.rpa.core.job.StepRecorder;
import org.rpa.core.remote.RemoteJob;

/**
 * What a handler on a worker sees: the orchestrator's job id and attempt (so {@link
 * #idempotencyKey()} is the same on every worker, as invariant 2 promises), and the embedded
 * engine's cancellation, steps and clock.
 */
final class RemoteContext implements JobContext {
  private final JobContext local;
  private final RemoteJob job;

  RemoteContext(JobContext local, RemoteJob job) {
    this.local = local;
    this.job = job;
  }

  @Override
  public JobId jobId() {
    return JobId.of(job.jobId());
  }

  @Override
  public String provider() {
    return job.provider();
  }

  @Override
  public String action() {
    return job.action();
  }

  @Override
  public Map<String, Object> params() {
    return local.params();
  }

  @Override
  public int attempt() {
    return job.attempt();
  }

  @Override
  public boolean isCancelled() {
    return local.isCancelled();
  }

  @Override
  public boolean awaitCancellation(Duration timeout) throws InterruptedException {
    return local.awaitCancellation(timeout);
  }

  @Override
  public StepRecorder steps() {
    return local.steps();
  }

  @Override
  public Clock clock() {
    return local.clock();
  }
}
