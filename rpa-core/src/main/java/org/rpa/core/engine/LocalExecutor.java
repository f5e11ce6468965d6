package org.rpa.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.rpa.core.Ticker;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.JobCancelledException;
import org.rpa.core.job.JobError;
import org.rpa.core.job.JobHandler;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.Step;
import org.rpa.core.metrics.LiveCounters;
import org.rpa.core.store.ClaimedJob;
import org.rpa.core.store.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs claimed jobs in this process: on a bounded pool of named threads, or inline in the caller's
 * thread for the manual orchestrator. Starts and finishes go to the {@link Writer} in batches. A
 * job may sit in the local buffer (at most {@code bufferSize} of them) before a thread is free, so
 * no thread ever waits for a fetch; the buffer is used only while jobs are short.
 *
 * <p>Thread-safe.
 */
final class LocalExecutor {
  private static final Logger log = LoggerFactory.getLogger(LocalExecutor.class);

  private final String id;
  private final int concurrency;
  private final int bufferSize;
  private final Handlers handlers;
  private final Outcomes outcomes;
  private final Writer writer;
  private final Clock clock;
  private final Ticker ticker;
  private final ExecutorService pool;
  private final Runnable onSlotsFreed;
  private final LiveCounters live;
  private final EngineMeters meters;
  private final Map<JobId, Task> tasks = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private volatile long meanRunNanos;

  /** Jobs whose handlers run shorter than this on average use the buffer; longer ones do not. */
  static final Duration SHORT_JOB = Duration.ofMillis(100);

  /**
   * @param pool where jobs run; null to run them inline in {@link #execute}'s caller
   * @param onSlotsFreed called when the buffer runs low, to wake the dispatcher
   */
  public LocalExecutor(
      String id,
      int concurrency,
      int bufferSize,
      Handlers handlers,
      Outcomes outcomes,
      Writer writer,
      Clock clock,
      ExecutorService pool,
      Runnable onSlotsFreed,
      LiveCounters live,
      EngineMeters meters) {
    this.id = id;
    this.concurrency = concurrency;
    this.bufferSize = bufferSize;
    this.handlers = handlers;
    this.outcomes = outcomes;
    this.writer = writer;
    this.clock = clock;
    this.ticker = Ticker.of(clock);
    this.pool = pool;
    this.onSlotsFreed = onSlotsFreed;
    this.live = live;
    this.meters = meters;
  }

  public String id() {
    return id;
  }

  public int concurrency() {
    return concurrency;
  }

  /**
   * How many more jobs this executor takes now: free threads, plus free buffer places while jobs
   * are short (see {@link #SHORT_JOB}).
   */
  public int freeSlots() {
    int buffer = meanRunNanos < SHORT_JOB.toNanos() ? bufferSize : 0;
    return Math.max(0, concurrency + buffer - inFlight.get());
  }

  /**
   * Adds one handler's run time to the running mean (weight 1/8) that decides whether the buffer is
   * used: a claim takes a few milliseconds, so a job that runs longer gains nothing by waiting in
   * the buffer, while the jobs it holds wait behind busy threads instead of going to an idle
   * instance. Approximate under concurrent finishes, which is all it needs to be.
   */
  void observeRunTime(long nanos) {
    long mean = meanRunNanos;
    meanRunNanos = mean == 0 ? nanos : mean + (nanos - mean) / 8;
  }

  /** Jobs whose handler is running now. */
  public int activeJobs() {
    return running.get();
  }

  /** Jobs claimed and held in memory until a handler thread is free. */
  int buffered() {
    return Math.max(0, tasks.size() - running.get());
  }

  /** Jobs claimed and not finished: buffered or running. */
  public Set<JobId> leased() {
    return Set.copyOf(tasks.keySet());
  }

  /** Runs a claimed job: on the pool, or in this thread without one. */
  public void execute(ClaimedJob job) {
    inFlight.incrementAndGet();
    dispatch(job);
  }

  /**
   * Takes up to {@code wanted} idle handler threads (never buffer places) for jobs that a submit
   * will hand over, so that they start at once; give each back by {@link #executeReserved} or
   * {@link #unreserve}.
   *
   * @return how many were taken
   */
  public int reserve(int wanted) {
    while (true) {
      int current = inFlight.get();
      int granted = Math.min(wanted, concurrency - current);
      if (granted <= 0) {
        return 0;
      }
      if (inFlight.compareAndSet(current, current + granted)) {
        return granted;
      }
    }
  }

  /** Gives back reserved threads that no job took. */
  public void unreserve(int count) {
    if (count > 0 && inFlight.addAndGet(-count) <= concurrency) {
      onSlotsFreed.run();
    }
  }

  /** Runs a job handed over at submit on a thread taken by {@link #reserve}. */
  public void executeReserved(ClaimedJob job) {
    dispatch(job);
  }

  private void dispatch(ClaimedJob job) {
    var task = new Task(job, clock);
    tasks.put(job.id(), task);
    if (pool == null) {
      runTask(task);
    } else {
      pool.execute(() -> runTask(task));
    }
  }

  /** Stops the handlers of jobs this executor no longer owns (cancelled, or lease lost). */
  public void stop(Set<JobId> ids, String reason) {
    for (JobId jobId : ids) {
      Task task = tasks.get(jobId);
      if (task != null && task.tryFinish()) {
        log.info("Stopping job {} on executor {}: {}", jobId, id, reason);
        task.stop(reason);
      }
    }
  }

  /**
   * Ends every execution that has run for its timeout, by the ticker (a clock set forward or back
   * meanwhile changes nothing): TIMEOUT, retried while attempts remain. The handler is interrupted
   * and its late result ignored.
   *
   * @return how many timed out
   */
  public int checkTimeouts() {
    Instant now = clock.instant();
    long tick = ticker.nanos();
    int timedOut = 0;
    for (Task task : tasks.values()) {
      if (task.startedAt() == null || task.ranFor(tick).compareTo(task.job().timeout()) < 0) {
        continue;
      }
      if (task.tryFinish()) {
        task.stop("timeout");
        writer.enqueue(timeout(task, now, task.ranFor(tick)), null);
        timedOut++;
      }
    }
    return timedOut;
  }

  private void runTask(Task task) {
    try {
      ClaimedJob job = task.job();
      if (!task.begin() || task.isFinished()) {
        return;
      }
      Instant now = clock.instant();
      if (job.deadline() != null && !job.deadline().isAfter(now)) {
        task.tryFinish();
        writer.enqueue(Transition.expireClaimed(job, now), null);
        return;
      }
      var hold = Gates.hold(handlers.handler(job.type()).orElse(null), job, now);
      if (hold.isPresent()) {
        task.tryFinish();
        writer.enqueue(hold.get(), null);
        return;
      }
      task.started(now, ticker.nanos());
      long waited = Duration.between(job.runAt(), now).toNanos();
      live.pickUpLatency().record(waited);
      meters.queueWait(job, waited);
      writer.enqueue(Transition.start(job, now), rejected -> stop(Set.of(job.id()), "lease lost"));
      running.incrementAndGet();
      long began = System.nanoTime();
      try {
        JobResult result = invoke(task);
        observeRunTime(System.nanoTime() - began);
        if (task.tryFinish()) {
          writer.enqueue(finish(task, result, clock.instant()), null);
        }
      } finally {
        running.decrementAndGet();
      }
    } catch (RuntimeException e) {
      log.error("Executor {} failed to run job {}", id, task.job().id(), e);
    } finally {
      tasks.remove(task.job().id());
      if (inFlight.decrementAndGet() <= concurrency) {
        onSlotsFreed.run();
      }
    }
  }

  private JobResult invoke(Task task) {
    JobHandler handler = handlers.handler(task.job().type()).orElse(null);
    if (handler == null) {
      return JobResult.technicalFailure(
          "NoHandler", "No handler for " + task.job().type() + " on executor " + id);
    }
    task.enterHandler();
    // Every line the handler logs on this thread names the job and the attempt; what the handler
    // adds to the MDC ends with it.
    Map<String, String> outside = MDC.getCopyOfContextMap();
    MDC.put(JobHandler.MDC_JOB_ID, task.jobId().toString());
    MDC.put(JobHandler.MDC_ATTEMPT, Integer.toString(task.attempt()));
    try {
      JobResult result = handler.handle(task);
      return result == null
          ? JobResult.technicalFailure("NullResult", "Handler returned null")
          : result;
    } catch (JobCancelledException e) {
      return JobResult.technicalFailure("Cancelled", e.getMessage());
    } catch (InterruptedException e) {
      return JobResult.technicalFailure("Interrupted", "Handler was interrupted");
    } catch (Exception | LinkageError | AssertionError e) {
      return JobResult.fromException(e);
    } finally {
      if (outside == null || outside.isEmpty()) {
        MDC.clear();
      } else {
        MDC.setContextMap(outside);
      }
      task.leaveHandler();
    }
  }

  private Transition finish(Task task, JobResult result, Instant now) {
    Duration duration = task.ranFor(ticker.nanos());
    if (duration.compareTo(task.job().timeout()) >= 0) {
      return timeout(task, now, duration);
    }
    var run = Outcomes.Run.of(task.job(), id);
    List<Step> steps = task.recordedSteps();
    if (result instanceof JobResult.Success success) {
      return outcomes.finish(
          run, ExecutionStatus.SUCCESS, success.data(), null, false, steps, duration, now, null);
    }
    boolean technical = result instanceof JobResult.TechnicalFailure;
    JobError error;
    Map<String, Object> details;
    if (technical) {
      var failure = (JobResult.TechnicalFailure) result;
      error = failure.error();
      details = failure.details();
    } else {
      var failure = (JobResult.BusinessFailure) result;
      error = failure.error();
      details = failure.details();
    }
    return outcomes.finish(
        run,
        ExecutionStatus.FAILED,
        details.isEmpty() ? null : details,
        error,
        technical,
        steps,
        duration,
        now,
        technical ? "technical failure" : "business failure");
  }

  private Transition timeout(Task task, Instant now, Duration ranFor) {
    Duration timeout = task.job().timeout();
    var error = new JobError(Outcomes.TIMEOUT, "Execution exceeded its timeout of " + timeout);
    return outcomes.finish(
        Outcomes.Run.of(task.job(), id),
        ExecutionStatus.TIMEOUT,
        null,
        error,
        true,
        task.recordedSteps(),
        ranFor,
        now,
        "timeout");
  }

  /** Takes back jobs that are buffered and not started, for a clean shutdown. */
  public List<ClaimedJob> drainUnstarted() {
    var unstarted = new ArrayList<ClaimedJob>();
    for (Task task : tasks.values()) {
      if (task.release()) {
        unstarted.add(task.job());
      }
    }
    return unstarted;
  }
}
