package org.rpa.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.event.JobStateChanged;
import org.rpa.core.event.Subscription;
import org.rpa.core.job.Execution;
import org.rpa.core.job.IllegalJobTransitionException;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobNotEditableException;
import org.rpa.core.job.JobQuery;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.JobUpdate;
import org.rpa.core.job.Jobs;
import org.rpa.core.job.Page;
import org.rpa.core.job.Step;
import org.rpa.core.job.Submission;
import org.rpa.core.metrics.LiveCounters;
import org.rpa.core.recovery.RetryPolicy;
import org.rpa.core.store.ClaimedJob;
import org.rpa.core.store.JobStore;
import org.rpa.core.store.NewJob;
import org.rpa.core.store.Transition;

/** {@link Jobs} on the store. Thread-safe. */
final class StoreJobs implements Jobs {
  private static final int PURGE_BATCH = 1_000;
  // How often an update or a cancel reads the job again when it changed in between.
  private static final int MAX_CHANGE_RACES = 10;
  private static final Duration AWAIT_RECHECK = Duration.ofMillis(250);

  private final StateMachine states;
  private final Handlers handlers;
  private final Function<String, RetryPolicy> policies;
  private final Duration defaultTimeout;
  private final NextOccurrence nextOccurrence;
  private final Clock clock;
  private final SubmitHandoff handoff;
  private final SharedCommits commits;

  StoreJobs(
      StateMachine states,
      Handlers handlers,
      Function<String, RetryPolicy> policies,
      Duration defaultTimeout,
      NextOccurrence nextOccurrence,
      Clock clock,
      SubmitHandoff handoff,
      LiveCounters live) {
    this.states = states;
    this.handlers = handlers;
    this.policies = policies;
    this.defaultTimeout = defaultTimeout;
    this.nextOccurrence = nextOccurrence;
    this.clock = clock;
    this.handoff = handoff;
    this.commits = new SharedCommits(this::insert, live);
  }

  @Override
  public Submission submitTracked(JobRequest request) {
    return submitAll(List.of(request)).get(0);
  }

  /** Resolves each request in the caller's thread (bad input throws here), then inserts. */
  @Override
  public List<Submission> submitAll(List<JobRequest> requests) {
    Instant now = micros(clock.instant());
    var jobs = new ArrayList<NewJob>(requests.size());
    for (JobRequest request : requests) {
      jobs.add(resolve(request, now));
    }
    return commits.submit(jobs, now);
  }

  /**
   * One insert transaction, which may hold several submits' jobs. Its submissions carry the jobs
   * they created, as stored.
   */
  private JobStore.Inserted insert(List<NewJob> jobs, Instant now, Runnable onCommit) {
    JobStore.Inserted inserted =
        handoff.insert(
            store(),
            jobs,
            now,
            done -> {
              onCommit.run();
              publish(jobs, done, now);
            });
    if (inserted.claim().jobs().size() < countCreated(jobs, inserted, JobStatus.QUEUED)) {
      handoff.queued();
    }
    return new JobStore.Inserted(withJobs(jobs, inserted, now), inserted.claim());
  }

  private static List<Submission> withJobs(
      List<NewJob> jobs, JobStore.Inserted inserted, Instant now) {
    var claimedBy = new HashMap<JobId, String>();
    for (ClaimedJob claimed : inserted.claim().jobs()) {
      claimedBy.put(claimed.id(), claimed.owner());
    }
    List<Submission> submissions = inserted.submissions();
    var withJobs = new ArrayList<Submission>(submissions.size());
    for (int i = 0; i < submissions.size(); i++) {
      Submission submission = submissions.get(i);
      withJobs.add(
          submission.created()
              ? new Submission(
                  submission.id(),
                  true,
                  jobs.get(i).stored(submission.id(), now, claimedBy.get(submission.id())))
              : submission);
    }
    return withJobs;
  }

  /**
   * {@code instant} to the microsecond, as both databases keep it: a job's instants are cut there
   * before they are written, so the job a submit returns is the job a read finds.
   */
  private static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** How many submits wait for an insert transaction now. */
  int waitingSubmits() {
    return commits.waiting();
  }

  private void publish(List<NewJob> jobs, JobStore.Inserted inserted, Instant now) {
    List<Submission> submissions = inserted.submissions();
    for (int i = 0; i < submissions.size(); i++) {
      if (submissions.get(i).created()) {
        NewJob job = jobs.get(i);
        states.publishCreated(
            submissions.get(i).id().value(),
            job.request().provider(),
            job.request().action(),
            job.status(),
            now);
      }
    }
    states.publish(inserted.claim().transitions());
  }

  private static int countCreated(List<NewJob> jobs, JobStore.Inserted inserted, JobStatus status) {
    int count = 0;
    for (int i = 0; i < jobs.size(); i++) {
      if (inserted.submissions().get(i).created() && jobs.get(i).status() == status) {
        count++;
      }
    }
    return count;
  }

  private NewJob resolve(JobRequest submitted, Instant now) {
    JobRequest request =
        submitted.deadline() != null && submitted.deadline().getNano() % 1_000 != 0
            ? submitted.deadline(micros(submitted.deadline()))
            : submitted;
    handlers.checkAccepted(request.provider(), request.action());
    Instant runAt = request.runAt();
    if (request.recurrence() != null) {
      Optional<Instant> first = nextOccurrence.after(request.recurrence(), now);
      if (runAt == null) {
        runAt =
            first.orElseThrow(
                () ->
                    new InvalidRequestException(
                        "recurrence",
                        request.recurrence(),
                        "must fire at least once in the future"));
      }
    }
    if (runAt == null) {
      runAt = now;
    }
    runAt = micros(runAt);
    if (request.deadline() != null && !request.deadline().isAfter(now)) {
      throw new InvalidRequestException("deadline", request.deadline(), "must be in the future");
    }
    int maxAttempts =
        request.maxAttempts() != null
            ? request.maxAttempts()
            : policies.apply(request.type()).maxAttempts();
    Duration timeout = request.timeout() != null ? request.timeout() : defaultTimeout;
    JobStatus status = runAt.isAfter(now) ? JobStatus.SCHEDULED : JobStatus.QUEUED;
    return new NewJob(request, status, runAt, maxAttempts, timeout);
  }

  @Override
  public Optional<Job> find(JobId id) {
    return store().find(id);
  }

  @Override
  public Page<Job> query(JobQuery query) {
    return store().query(query);
  }

  @Override
  public List<Execution> executions(JobId id) {
    get(id);
    return store().executions(id);
  }

  @Override
  public List<Step> steps(JobId id, int attempt) {
    Job job = get(id);
    return store().steps(id, job.occurrence(), attempt);
  }

  @Override
  public List<Step> steps(JobId id, int occurrence, int attempt) {
    return store().steps(id, occurrence, attempt);
  }

  @Override
  public Map<JobStatus, Long> countByStatus() {
    return store().countByStatus();
  }

  @Override
  public int purgeFinishedBefore(Instant cutoff) {
    int total = 0;
    int deleted;
    do {
      deleted = store().purgeFinishedBefore(cutoff, PURGE_BATCH);
      total += deleted;
    } while (deleted == PURGE_BATCH);
    return total;
  }

  @Override
  public Job update(JobId id, JobUpdate update) {
    for (int race = 0; race < MAX_CHANGE_RACES; race++) {
      Job job = get(id);
      Instant now = clock.instant();
      if (job.status() != JobStatus.SCHEDULED && job.status() != JobStatus.QUEUED) {
        throw new JobNotEditableException(id.value(), job.status());
      }
      Instant runAt = update.runAt() != null ? update.runAt() : job.runAt();
      JobStatus next = runAt.isAfter(now) ? JobStatus.SCHEDULED : JobStatus.QUEUED;
      if (store().modify(id, job.status(), update, next, now)) {
        if (next != job.status()) {
          states.publish(List.of(Transition.runAtChanged(job, next, now)));
        }
        if (next == JobStatus.QUEUED) {
          handoff.queued();
        }
        return get(id);
      }
    }
    throw new IllegalStateException("Job " + id + " kept changing while being updated");
  }

  @Override
  public Job cancel(JobId id) {
    for (int race = 0; race < MAX_CHANGE_RACES; race++) {
      Job job = get(id);
      if (job.status().isFinal()) {
        throw new IllegalJobTransitionException(id.value(), job.status(), JobStatus.CANCELLED);
      }
      var transition = Transition.cancel(job, clock.instant());
      if (!states.apply(List.of(transition)).isEmpty()) {
        return get(id);
      }
    }
    throw new IllegalStateException("Job " + id + " kept changing while being cancelled");
  }

  @Override
  public Job await(JobId id, Duration timeout) throws InterruptedException {
    var done = new CompletableFuture<Void>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Subscription ignored =
        states
            .events()
            .subscribe(
                JobStateChanged.class,
                event -> {
                  if (event.jobId() == id.value() && event.isFinal()) {
                    done.complete(null);
                  }
                })) {
      while (true) {
        Job job = get(id);
        long remaining = deadline - System.nanoTime();
        if (job.status().isFinal() || remaining <= 0) {
          return job;
        }
        // Another instance may finish the job: its event never reaches this bus, so re-read.
        try {
          done.get(Math.min(remaining, AWAIT_RECHECK.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
          // re-read below
        }
      }
    }
  }

  private JobStore store() {
    return states.store();
  }
}
