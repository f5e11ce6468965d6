package org.rpa.core.engine;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rpa.core.event.EventBus;
import org.rpa.core.event.ExecutorHeartbeat;
import org.rpa.core.event.ExecutorOffline;
import org.rpa.core.event.JobStateChanged;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobStatus;
import org.rpa.core.remote.RemoteJob;
import org.rpa.core.remote.RemoteReport;
import org.rpa.core.remote.RemoteResult;
import org.rpa.core.remote.RemoteWorker;
import org.rpa.core.remote.RemoteWorkers;
import org.rpa.core.remote.WorkerInfo;
import org.rpa.core.resilience.BreakerOptions;
import org.rpa.core.resilience.Breakers;
import org.rpa.core.store.ClaimedJob;
import org.rpa.core.store.JobStore;
import org.rpa.core.store.Transition;
import org.rpa.core.supervise.Waiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's remote workers. Each worker that answers its probe holds one executor lease in
 * the store, renewed by {@link #heartbeat()} while it answers: a worker that dies stops being
 * renewed, and the lease sweeper returns its jobs to the queue for another. {@link #dispatchOnce()}
 * claims, for each online worker whose breaker is closed, as many jobs of its types as it has room
 * for and hands them over; {@link #complete} applies a reported result, once per job and attempt;
 * {@link #pollOnce()} asks workers about jobs whose result has not arrived.
 *
 * <p>Every call to a worker goes through its circuit breaker {@code worker-<n>}. Thread-safe.
 */
final class RemoteExecutor implements RemoteWorkers {
  private static final Logger log = LoggerFactory.getLogger(RemoteExecutor.class);

  private final JobStore store;
  private final EventBus events;
  private final StateMachine states;
  private final Clock clock;
  private final Duration lease;
  private final int batchSize;
  private final List<RemoteWorkerState> workers;
  private final Waiter waiter = new Waiter();
  private final RemoteResults results;
  private final EngineMeters meters;

  RemoteExecutor(
      List<RemoteWorker> remotes,
      JobStore store,
      EventBus events,
      Outcomes outcomes,
      Breakers breakers,
      BreakerOptions breakerOptions,
      Clock clock,
      Duration lease,
      int batchSize,
      EngineMeters meters) {
    this.store = store;
    this.events = events;
    this.meters = meters;
    this.states = new StateMachine(store, events, meters);
    this.clock = clock;
    this.lease = lease;
    this.batchSize = batchSize;
    this.results = new RemoteResults(store, states, outcomes, clock);
    var list = new ArrayList<RemoteWorkerState>();
    for (int i = 0; i < remotes.size(); i++) {
      RemoteWorker remote = remotes.get(i);
      String name = "worker-" + (i + 1);
      var options =
          BreakerOptions.from(breakerOptions)
              .displayName("Remote worker " + remote.url())
              .url(remote.url())
              .critical(false)
              .build();
      list.add(new RemoteWorkerState(remote, breakers.breaker(name, options)));
    }
    this.workers = List.copyOf(list);
    events.subscribe(JobStateChanged.class, this::onStateChanged);
  }

  /** The waiter of the dispatch loop: woken when a job is queued or a worker has room. */
  public Waiter waiter() {
    return waiter;
  }

  /** Each worker's address and {@code online} or {@code offline}, in configuration order. */
  @Override
  public Map<String, String> states() {
    var map = new LinkedHashMap<String, String>();
    workers.forEach(w -> map.put(w.remote.url(), w.online ? "online" : "offline"));
    return map;
  }

  /** How many workers answer now. */
  @Override
  public int online() {
    return (int) workers.stream().filter(w -> w.online).count();
  }

  /** The job types the online workers run, as their last probe said. */
  Set<String> onlineTypes() {
    var types = new java.util.LinkedHashSet<String>();
    for (RemoteWorkerState worker : workers) {
      if (worker.online && worker.info != null) {
        types.addAll(worker.types());
      }
    }
    return types;
  }

  /** How many workers are configured. */
  @Override
  public int configured() {
    return workers.size();
  }

  /**
   * Probes every worker; renews the lease of each that answers, with the load and resources it
   * reports, and publishes its heartbeat; marks the others offline, publishing {@code
   * robot.offline} for each that was online.
   */
  public void heartbeat() {
    for (RemoteWorkerState worker : workers) {
      Instant now = clock.instant();
      boolean wasOnline = worker.online;
      if (worker.probe(store, now, lease)) {
        waiter.wake();
      }
      if (wasOnline && !worker.online) {
        events.publish(
            new ExecutorOffline(
                worker.info.workerId(), worker.remote.url(), "did not answer its probe", now));
      }
      ExecutorHeartbeat beat = worker.heartbeat(now);
      if (beat != null) {
        events.publish(beat);
      }
    }
  }

  /**
   * Claims jobs for every online worker with room and a closed breaker, and hands them over.
   *
   * @return how many jobs workers accepted
   */
  public int dispatchOnce() {
    int accepted = 0;
    for (RemoteWorkerState worker : workers) {
      accepted += dispatchTo(worker);
    }
    return accepted;
  }

  private int dispatchTo(RemoteWorkerState worker) {
    WorkerInfo info = worker.info;
    if (!worker.online || info == null || !callable(worker.breaker)) {
      return 0;
    }
    if (worker.inflight.size() >= info.maxConcurrent()) {
      forgetSettled(worker, info);
    }
    int free = Math.min(batchSize, info.maxConcurrent() - worker.inflight.size());
    Set<String> types = worker.types();
    if (free <= 0 || types.isEmpty()) {
      return 0;
    }
    long started = System.nanoTime();
    JobStore.Claim claim = store.claim(info.workerId(), types, free, clock.instant());
    meters.claim("remote", System.nanoTime() - started);
    states.publish(claim.transitions());
    var starts = new ArrayList<Transition>();
    var releases = new ArrayList<Transition>();
    boolean stop = false;
    for (ClaimedJob job : claim.jobs()) {
      if (stop) {
        releases.add(Transition.release(job, clock.instant(), "worker unavailable"));
        continue;
      }
      worker.inflight.add(job.id().value());
      Outcome outcome = handOver(worker, job);
      switch (outcome) {
        case ACCEPTED -> {
          Instant now = clock.instant();
          meters.queueWait(job, Duration.between(job.runAt(), now).toNanos());
          starts.add(Transition.start(job, now));
        }
        case UNKNOWN -> {
          // The worker may have it: its lease or the status poll settles it.
        }
        case NOT_TAKEN, BUSY -> {
          worker.inflight.remove(job.id().value());
          releases.add(Transition.release(job, clock.instant(), "worker did not take it"));
          stop = true;
        }
      }
    }
    states.apply(releases);
    states.apply(starts);
    return starts.size();
  }

  /**
   * Forgets the jobs handed to {@code worker} that are no longer leased to it. This orchestrator
   * hears of a job leaving the lease from its own event bus, but a worker may report its result to
   * another orchestrator of the cluster, or the lease sweeper of another may take the job back: a
   * worker that looks full asks the store before it is passed over.
   */
  private void forgetSettled(RemoteWorkerState worker, WorkerInfo info) {
    List<JobId> handed = worker.inflight.stream().map(JobId::of).toList();
    for (JobId gone : store.lostAmong(info.workerId(), handed)) {
      worker.inflight.remove(gone.value());
    }
  }

  private enum Outcome {
    ACCEPTED,
    BUSY,
    NOT_TAKEN,
    UNKNOWN
  }

  private Outcome handOver(RemoteWorkerState worker, ClaimedJob job) {
    var remoteJob =
        new RemoteJob(
            job.id().value(),
            job.provider(),
            job.action(),
            job.params(),
            job.occurrence(),
            job.attempt(),
            job.timeout(),
            job.owner(),
            null); // the transport mints the dispatch's credential as it hands the job over
    try {
      RemoteWorker.Handover handover =
          worker.breaker.executeCallable(
              () -> {
                RemoteWorker.Handover answer = worker.remote.execute(remoteJob);
                if (answer == RemoteWorker.Handover.REFUSED) {
                  throw new RefusedException();
                }
                return answer;
              });
      return handover == RemoteWorker.Handover.ACCEPTED ? Outcome.ACCEPTED : Outcome.BUSY;
    } catch (RefusedException | CallNotPermittedException | ConnectException e) {
      log.warn("Worker {} did not take job {}: {}", worker.remote.url(), job.id(), describe(e));
      return Outcome.NOT_TAKEN;
    } catch (Exception e) {
      log.warn(
          "Worker {} did not answer for job {}: {}", worker.remote.url(), job.id(), describe(e));
      return Outcome.UNKNOWN;
    }
  }

  /** Applies a worker's result for one attempt, once: see {@link RemoteResults#complete}. */
  @Override
  public Completion complete(RemoteResult result) {
    return results.complete(result);
  }

  /**
   * Asks each online worker about the jobs it accepted from this orchestrator whose result has not
   * arrived: a finished one is applied as if its callback had come; one the worker does not know is
   * given back (not started) or failed as lost (started), to be retried while attempts remain.
   *
   * <p>It also asks about the jobs claimed for the worker more than two leases ago that are still
   * CLAIMED, whichever orchestrator claimed them: an orchestrator that died in the middle of a
   * hand-over leaves the jobs it had not yet handed over leased to a worker that is alive, whose
   * lease every orchestrator renews, and only the dead one knew to ask about them.
   *
   * @return how many jobs moved on
   */
  public int pollOnce() {
    int moved = 0;
    Instant stale = clock.instant().minus(lease.multipliedBy(2));
    for (RemoteWorkerState worker : workers) {
      if (!worker.online || worker.info == null) {
        continue;
      }
      List<Long> ids = new ArrayList<>(worker.inflight);
      for (var id : store.claimedBefore(worker.info.workerId(), stale, batchSize)) {
        if (!ids.contains(id.value())) {
          ids.add(id.value());
        }
      }
      for (Long id : ids) {
        try {
          moved += settle(worker, id) ? 1 : 0;
        } catch (CallNotPermittedException e) {
          break;
        } catch (Exception e) {
          log.warn("Polling worker {} for job {} failed: {}", worker.remote.url(), id, describe(e));
          break;
        }
      }
    }
    return moved;
  }

  private boolean settle(RemoteWorkerState worker, long id) throws Exception {
    RemoteReport report = worker.breaker.executeCallable(() -> worker.remote.report(id));
    if (report.state() == RemoteReport.State.FINISHED) {
      if (results.complete(report.result()) == Completion.APPLIED) {
        return true;
      }
      // Applied before, through another orchestrator or an earlier poll: nothing left to wait for.
      worker.inflight.remove(id);
      return false;
    }
    if (report.state() == RemoteReport.State.RUNNING) {
      return false;
    }
    return switch (results.lost(id, worker.info.workerId())) {
      case APPLIED -> true;
      case UNKNOWN_JOB -> {
        worker.inflight.remove(id);
        yield false;
      }
      default -> false;
    };
  }

  private void onStateChanged(JobStateChanged event) {
    boolean left =
        event.from() != null
            && JobStatus.valueOf(event.from()).isLeased()
            && !JobStatus.valueOf(event.to()).isLeased();
    if (left) {
      for (RemoteWorkerState worker : workers) {
        if (worker.inflight.remove(event.jobId())) {
          waiter.wake();
        }
      }
    }
    if (event.to().equals(JobStatus.QUEUED.name())) {
      waiter.wake();
    }
  }

  private static boolean callable(CircuitBreaker breaker) {
    return breaker.getState() != CircuitBreaker.State.OPEN
        && breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
  }

  static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** A worker answered {@code /execute} with an error: a failure for its breaker. */
  private static final class RefusedException extends Exception {
    RefusedException() {
      super("refused the job", null, false, false);
    }
  }
}
