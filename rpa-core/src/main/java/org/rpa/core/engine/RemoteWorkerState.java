package org.rpa.core.engine;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rpa.core.dispatch.Fleet;
import org.rpa.core.event.ExecutorHeartbeat;
import org.rpa.core.metrics.ResourceSample;
import org.rpa.core.remote.RemoteWorker;
import org.rpa.core.remote.WorkerInfo;
import org.rpa.core.store.ExecutorRecord;
import org.rpa.core.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured remote worker as the orchestrator sees it: its client, its breaker, what its last
 * probe said, whether it answers, and the jobs it accepted whose result has not arrived.
 *
 * <p>Thread-safe.
 */
final class RemoteWorkerState {
  private static final Logger log = LoggerFactory.getLogger(RemoteWorkerState.class);

  final RemoteWorker remote;
  final CircuitBreaker breaker;
  final Set<Long> inflight = ConcurrentHashMap.newKeySet();
  volatile WorkerInfo info;
  volatile boolean online;

  RemoteWorkerState(RemoteWorker remote, CircuitBreaker breaker) {
    this.remote = remote;
    this.breaker = breaker;
  }

  /** The job types this worker runs. */
  Set<String> types() {
    var types = new LinkedHashSet<String>();
    info.actions()
        .forEach((provider, actions) -> actions.forEach(a -> types.add(provider + "." + a)));
    return types;
  }

  /**
   * Probes the worker through its breaker: if it answers, renews (or registers) its executor lease
   * until {@code now + lease}; if not, marks it offline.
   *
   * @return true if it came online with this probe
   */
  boolean probe(JobStore store, Instant now, Duration lease) {
    WorkerInfo answer;
    try {
      answer = breaker.getState() == CircuitBreaker.State.OPEN ? pastOpenBreaker() : null;
      if (answer == null) {
        answer = breaker.executeCallable(remote::probe);
      }
    } catch (Exception e) {
      if (online) {
        log.warn("Worker {} is offline: {}", remote.url(), RemoteExecutor.describe(e));
      }
      online = false;
      return false;
    }
    WorkerInfo before = info;
    if (before != null && !before.workerId().equals(answer.workerId())) {
      // A new process at the same address: the old one's jobs come back by its lease.
      log.warn(
          "Worker {} restarted as {} (was {})", remote.url(), answer.workerId(), before.workerId());
      inflight.clear();
    }
    info = answer;
    String id = answer.workerId();
    if (!store.heartbeat(id, answer.currentLoad(), answer.resources(), now, now.plus(lease))) {
      store.registerExecutor(
          new ExecutorRecord(
              id,
              answer.hostname(),
              ExecutorRecord.REMOTE,
              remote.url(),
              answer.maxConcurrent(),
              answer.currentLoad(),
              now,
              now,
              now.plus(lease),
              null,
              answer.resources()));
    }
    if (online) {
      return false;
    }
    log.info("Worker {} is online as {}", remote.url(), id);
    online = true;
    return true;
  }

  /**
   * Under an open breaker, asks the worker past it whether it answers again: a worker back after a
   * network fault or a crash (a new process) is then taken back at this heartbeat, its breaker
   * half-open, instead of when the breaker's wait ends; the half-open breaker's trial calls (the
   * next hand-overs and probes) close it again or open it for another wait. One probe per heartbeat
   * is all an open breaker lets past: a worker that answers probes but fails its hand-overs costs a
   * few hand-overs per heartbeat, each job back in the queue without an attempt.
   *
   * @return the worker's answer, or null if it does not answer
   */
  private WorkerInfo pastOpenBreaker() {
    WorkerInfo before = info;
    WorkerInfo answer;
    try {
      answer = remote.probe();
    } catch (Exception stillDown) {
      return null;
    }
    boolean newProcess = before != null && !before.workerId().equals(answer.workerId());
    log.info(
        "Worker {} answers{}: its breaker half-opens",
        remote.url(),
        newProcess ? " as a new process" : " again");
    breaker.transitionToHalfOpenState();
    return answer;
  }

  /** The heartbeat event of the last answer, or null while the worker is offline. */
  ExecutorHeartbeat heartbeat(Instant at) {
    WorkerInfo answer = info;
    if (!online || answer == null) {
      return null;
    }
    ResourceSample resources = answer.resources();
    return new ExecutorHeartbeat(
        answer.workerId(),
        Fleet.State.of(true, answer.maxConcurrent(), answer.currentLoad()).label(),
        answer.currentLoad(),
        answer.maxConcurrent(),
        resources == null ? 0.0 : resources.cpuPercent(),
        resources == null ? 0.0 : resources.memoryMb(),
        at);
  }
}
