package org.rpa.core.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.rpa.core.dispatch.ClaimBatch;
import org.rpa.core.dispatch.Degradation;
import org.rpa.core.dispatch.Pipeline;
import org.rpa.core.dispatch.PipelineStatus;
import org.rpa.core.dispatch.Wakeups;
import org.rpa.core.store.ExecutorRecord;
import org.rpa.core.store.JdbcStores;
import org.rpa.core.store.SubmitListener;

/**
 * The {@link Pipeline} of a threaded orchestrator: intake and batches from the store, wake-ups from
 * the submit listener, the degradation from the fleet, the remote workers and the probed services.
 *
 * <p>Thread-safe.
 */
final class EnginePipeline implements Pipeline {
  private final Engine engine;
  private final RemoteExecutor remote;
  private final Supplier<SubmitListener> listener;
  private final BooleanSupplier dispatching;

  /**
   * @param remote the remote workers, or null when none are configured
   * @param listener the submit listener while it runs, else null
   * @param dispatching whether the dispatcher loop runs
   */
  EnginePipeline(
      Engine engine,
      RemoteExecutor remote,
      Supplier<SubmitListener> listener,
      BooleanSupplier dispatching) {
    this.engine = engine;
    this.remote = remote;
    this.listener = listener;
    this.dispatching = dispatching;
  }

  @Override
  public PipelineStatus status() {
    Instant now = engine.config().clock().instant();
    List<ExecutorRecord> fleet = engine.store().executors();
    Wakeups wakeups = wakeups(fleet, now);
    var analytics = engine.store().analytics();
    long pending = analytics.queueDepth();
    List<ClaimBatch> batches =
        analytics.claimBatches().stream()
            .map(
                row ->
                    ClaimBatch.of(
                        row.executor(),
                        row.claimedAt(),
                        row.size(),
                        row.running(),
                        row.lastActivity(),
                        now))
            .toList();
    Degradation degradation = degradation(fleet, now, wakeups, analytics.queuedByType());
    EngineConfig config = engine.config();
    return new PipelineStatus(
        new PipelineStatus.Intake(dispatching.getAsBoolean(), pending, wakeups),
        batches,
        new PipelineStatus.BatchLimits(
            config.batchSize(), config.defaultTimeout(), config.leaseLength()),
        degradation,
        now);
  }

  @Override
  public Wakeups wakeups() {
    return wakeups(engine.store().executors(), engine.config().clock().instant());
  }

  /**
   * @param fleet the executors' rows, or null when the store cannot be read
   */
  Wakeups wakeups(List<ExecutorRecord> fleet, Instant now) {
    var poll = engine.config().pollInterval();
    if (JdbcStores.notifiesSubmits(engine.store())) {
      SubmitListener current = listener.get();
      if (current == null) {
        return new Wakeups(
            Wakeups.Mechanism.LISTEN_NOTIFY,
            Wakeups.State.STOPPED,
            false,
            "no listener runs: the orchestrator has not started or is stopping",
            JdbcStores.SUBMIT_CHANNEL,
            poll,
            null,
            null);
      }
      boolean listening = current.listening();
      return new Wakeups(
          Wakeups.Mechanism.LISTEN_NOTIFY,
          listening ? Wakeups.State.LISTENING : Wakeups.State.RECONNECTING,
          listening,
          listening ? null : "the LISTEN connection is lost; it is tried again every second",
          current.channel(),
          poll,
          current.since(),
          current.lastError());
    }
    long others =
        fleet == null
            ? 0
            : fleet.stream()
                .filter(row -> !row.isRemote() && row.isAlive(now))
                .filter(row -> !row.id().equals(engine.executorId()))
                .count();
    return new Wakeups(
        Wakeups.Mechanism.IN_PROCESS,
        Wakeups.State.SIGNAL,
        others == 0,
        others == 0
            ? null
            : others
                + " other orchestrator(s) share this store, and a submit wakes only its own"
                + " dispatcher: theirs reach this one by polling",
        null,
        poll,
        null,
        null);
  }

  /**
   * @param fleet the executors' rows, or null when the store cannot be read (then only this process
   *     is counted)
   * @param queued the QUEUED jobs by type, or an empty map when they are not wanted
   */
  Degradation degradation(
      List<ExecutorRecord> fleet, Instant now, Wakeups wakeups, Map<String, Long> queued) {
    int inProcess =
        fleet == null
            ? (engine.runnableTypes().isEmpty() ? 0 : 1)
            : (int) fleet.stream().filter(row -> !row.isRemote() && row.canRun(now)).count();
    int online = remote == null ? 0 : remote.online();
    int configured = remote == null ? 0 : remote.configured();
    // In-process executors of one cluster are taken to run the same handlers as this one.
    Set<String> runnable = new java.util.HashSet<>();
    if (inProcess > 0) {
      runnable.addAll(engine.runnableTypes());
    }
    if (remote != null) {
      runnable.addAll(remote.onlineTypes());
    }
    Map<String, Long> waiting = new LinkedHashMap<>();
    queued.forEach(
        (type, count) -> {
          if (!runnable.contains(type)) {
            waiting.put(type, count);
          }
        });
    var summary = engine.breakers().summary();
    List<String> open =
        summary.breakers().entrySet().stream()
            .filter(e -> e.getValue().equals("open") || e.getValue().equals("forced_open"))
            .map(Map.Entry::getKey)
            .toList();
    return Degradation.assess(
        inProcess,
        online,
        configured,
        wakeups,
        engine.services().statuses(),
        open,
        engine.executor().buffered(),
        waiting);
  }
}
