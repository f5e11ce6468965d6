package org.rpa.server.worker;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.rpa.core.Orchestrator;
import org.rpa.core.event.JobStateChanged;
import org.rpa.core.job.Execution;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobContext;
import org.rpa.core.job.JobError;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.Submission;
import org.rpa.core.remote.RemoteJob;
import org.rpa.core.remote.RemoteResult;

/**
 * The jobs a worker service accepted, run by an embedded core {@link Orchestrator} (in-memory
 * store, the same executor, timeouts and step recording as the in-process worker) with one attempt
 * each: retries are the orchestrator's call. Each attempt is kept by its key ({@code
 * job:occurrence:attempt}), so a repeated {@code /execute} runs nothing twice. When one ends, its
 * {@link RemoteResult}, carrying the credential the orchestrator gave with the attempt, goes to
 * {@code onResult}.
 *
 * <p>Thread-safe.
 */
final class WorkerJobs {
  /** One accepted attempt. */
  static final class Entry {
    final RemoteJob job;
    final Instant acceptedAt;
    volatile JobId localId;
    volatile RemoteResult result;
    volatile Instant startedAt;
    volatile Instant finishedAt;

    Entry(RemoteJob job, Instant acceptedAt) {
      this.job = job;
      this.acceptedAt = acceptedAt;
    }
  }

  /** What {@link #accept} did. */
  enum Acceptance {
    ACCEPTED,
    ALREADY_ACCEPTED,
    AT_CAPACITY
  }

  private final Orchestrator local;
  private final Clock clock;
  private final int capacity;
  private final Consumer<RemoteResult> onResult;
  private final Map<String, Entry> byKey = new ConcurrentHashMap<>();
  private final Map<Long, Entry> byJob = new ConcurrentHashMap<>();
  private final Map<Long, Entry> byLocal = new ConcurrentHashMap<>();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong successful = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  WorkerJobs(Orchestrator local, Clock clock, int capacity, Consumer<RemoteResult> onResult) {
    this.local = local;
    this.clock = clock;
    this.capacity = capacity;
    this.onResult = onResult;
    local.events().subscribe(JobStateChanged.class, this::onStateChanged);
  }

  /**
   * Takes an attempt if there is room: submits it to the embedded orchestrator.
   *
   * @throws org.rpa.core.InvalidRequestException if its type has no handler here or its parameters
   *     are not valid
   */
  synchronized Acceptance accept(RemoteJob job) {
    if (byKey.containsKey(job.idempotencyKey())) {
      return Acceptance.ALREADY_ACCEPTED;
    }
    if (active.get() >= capacity) {
      return Acceptance.AT_CAPACITY;
    }
    JobRequest request =
        JobRequest.of(job.provider(), job.action())
            .params(job.params())
            .maxAttempts(1)
            .timeout(job.timeout())
            .idempotencyKey(job.idempotencyKey());
    // Registered before the submit: a quick job may end before submitTracked returns.
    var entry = new Entry(job, clock.instant());
    byKey.put(job.idempotencyKey(), entry);
    byJob.put(job.jobId(), entry);
    active.incrementAndGet();
    Submission submission;
    try {
      submission = local.jobs().submitTracked(request);
    } catch (RuntimeException e) {
      byKey.remove(job.idempotencyKey());
      byJob.remove(job.jobId(), entry);
      active.decrementAndGet();
      throw e;
    }
    entry.localId = submission.id();
    byLocal.put(submission.id().value(), entry);
    total.incrementAndGet();
    return Acceptance.ACCEPTED;
  }

  /**
   * Forgets attempts that finished before {@code cutoff}: their entries, and their jobs in the
   * embedded store. {@code GET /status/{job_id}} answers {@code not_found} for them afterwards.
   *
   * @return how many entries it forgot
   */
  int forgetFinishedBefore(Instant cutoff) {
    int forgotten = 0;
    for (Entry entry : byKey.values()) {
      Instant finished = entry.finishedAt;
      if (finished != null && finished.isBefore(cutoff)) {
        byKey.remove(entry.job.idempotencyKey());
        byJob.remove(entry.job.jobId(), entry);
        if (entry.localId != null) {
          byLocal.remove(entry.localId.value());
        }
        forgotten++;
      }
    }
    local.jobs().purgeFinishedBefore(cutoff);
    return forgotten;
  }

  /**
   * Stops every attempt still running, for a shutdown: each ends as a retryable failure, so the
   * orchestrator runs it again elsewhere instead of waiting for this worker's lease to lapse.
   */
  void cancelRunning() {
    for (Entry entry : byKey.values()) {
      if (entry.result == null && entry.localId != null) {
        try {
          local.jobs().cancel(entry.localId);
        } catch (RuntimeException e) {
          // it ended meanwhile
        }
      }
    }
  }

  /** The context a handler sees: the orchestrator's job id and attempt. */
  JobContext remoteContext(JobContext local) {
    Entry entry = entry(local.jobId().value());
    if (entry == null) {
      throw new IllegalStateException("Job " + local.jobId() + " was not accepted by /execute");
    }
    return new RemoteContext(local, entry.job);
  }

  /** The latest attempt of {@code jobId} this worker accepted. */
  Optional<Entry> find(long jobId) {
    return Optional.ofNullable(byJob.get(jobId));
  }

  int active() {
    return active.get();
  }

  int capacity() {
    return capacity;
  }

  long total() {
    return total.get();
  }

  long successful() {
    return successful.get();
  }

  long failed() {
    return failed.get();
  }

  private void onStateChanged(JobStateChanged event) {
    Entry entry = entry(event.jobId());
    if (entry == null) {
      return;
    }
    JobStatus to = JobStatus.valueOf(event.to());
    if (to == JobStatus.RUNNING) {
      entry.startedAt = event.at();
      return;
    }
    if (!to.isFinal()) {
      return;
    }
    entry.finishedAt = event.at();
    RemoteResult result = result(entry, event.reason());
    entry.result = result;
    if (result.status() == ExecutionStatus.SUCCESS) {
      successful.incrementAndGet();
    } else {
      failed.incrementAndGet();
    }
    active.decrementAndGet();
    onResult.accept(result);
  }

  /** The entry of a local job, also while {@link #accept} has not yet recorded its local id. */
  private Entry entry(long localId) {
    Entry entry = byLocal.get(localId);
    if (entry != null) {
      return entry;
    }
    String key = local.jobs().find(JobId.of(localId)).map(Job::idempotencyKey).orElse(null);
    entry = key == null ? null : byKey.get(key);
    if (entry != null) {
      entry.localId = JobId.of(localId);
      byLocal.put(localId, entry);
    }
    return entry;
  }

  private RemoteResult result(Entry entry, String reason) {
    Job job = local.jobs().get(entry.localId);
    List<Execution> executions = local.jobs().executions(entry.localId);
    Execution last = executions.isEmpty() ? null : executions.get(executions.size() - 1);
    ExecutionStatus status =
        last == null || last.status() == ExecutionStatus.CANCELLED
            ? ExecutionStatus.FAILED
            : last.status();
    if (job.status() == JobStatus.COMPLETED) {
      status = ExecutionStatus.SUCCESS;
    }
    JobError error = job.error();
    if (status != ExecutionStatus.SUCCESS && error == null) {
      error = new JobError("WorkerError", "The attempt ended " + job.status() + " on the worker");
    }
    RemoteJob remote = entry.job;
    return new RemoteResult(
        remote.jobId(),
        remote.occurrence(),
        remote.attempt(),
        remote.executorId(),
        status,
        status == ExecutionStatus.SUCCESS ? job.result() : null,
        status == ExecutionStatus.SUCCESS ? null : error,
        !"business failure".equals(reason),
        last == null ? null : last.duration(),
        last == null ? List.of() : local.jobs().steps(entry.localId, last.attempt()),
        remote.credential());
  }
}
