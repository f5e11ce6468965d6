package org.rpa.core.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.rpa.core.alert.Alerts;
import org.rpa.core.analytics.Analytics;
import org.rpa.core.dispatch.Fleet;
import org.rpa.core.event.BreakerStateChanged;
import org.rpa.core.event.EventBus;
import org.rpa.core.event.HealthChanged;
import org.rpa.core.event.JobStateChanged;
import org.rpa.core.health.Health;
import org.rpa.core.health.Services;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.Jobs;
import org.rpa.core.metrics.Metrics;
import org.rpa.core.metrics.ResourceMeter;
import org.rpa.core.privacy.Privacy;
import org.rpa.core.recovery.RecoveryReport;
import org.rpa.core.resilience.Breakers;
import org.rpa.core.schedule.Schedules;
import org.rpa.core.store.ClaimedJob;
import org.rpa.core.store.ExecutorRecord;
import org.rpa.core.store.JdbcStores;
import org.rpa.core.store.JobStore;
import org.rpa.core.store.SubmitListener;
import org.rpa.core.store.Transition;
import org.rpa.core.supervise.Waiter;

/**
 * The parts of an orchestrator, wired, with no threads of their own: the threaded orchestrator
 * drives them from supervised loops, the manual one from {@code tick()}. Not API.
 *
 * <p>Thread-safe.
 */
public final class Engine implements AutoCloseable {
  private final EngineConfig config;
  private final JobStore store;
  private final String storeEngine;
  private final EventBus events;
  private final EventBus peers;
  private final StateMachine states;
  private final Handlers handlers;
  private final Writer writer;
  private final LocalExecutor executor;
  private final Dispatcher dispatcher;
  private final Heartbeat heartbeat;
  private final LeaseSweeper sweeper;
  private final StoreJobs jobs;
  private final SubmitHandoff handoff;
  private final Waiter dispatchWaiter = new Waiter();
  private final Schedules schedules;
  private final Breakers breakers;
  private final Health health;
  private final Services services;
  private final Metrics metrics;
  private final Privacy privacy;
  private final Fleet fleet;
  private final Analytics analytics;
  private final Alerts alerts;
  private final NextOccurrence nextOccurrence;
  private final EngineMeters meters;
  private volatile List<ExecutorRecord> executors = List.of();
  private volatile Runnable workerPoll = () -> {};

  /**
   * @param pool the executor's handler threads; null runs handlers inline (manual mode)
   */
  public Engine(EngineConfig config, ExecutorService pool) {
    this.config = config;
    this.nextOccurrence = new Recurrences();
    this.meters = EngineMeters.of(config.meterRegistry());
    this.store = openStore(config);
    this.storeEngine = store.engine();
    this.events = EventBus.inMemory();
    this.peers = EventBus.inMemory();
    this.states = new StateMachine(store, events, meters);
    this.metrics = EngineMetrics.create(store, events, config.clock(), config.hooks());
    this.handlers = new Handlers(config.handlers(), config.declaredTypes());
    var outcomes = new Outcomes(config::policy, nextOccurrence, config.random());
    this.writer = new Writer(states, config.concurrency(), metrics.live());
    Clock clock = config.clock();
    this.executor =
        new LocalExecutor(
            config.executorName(),
            config.concurrency(),
            config.bufferSize(),
            handlers,
            outcomes,
            writer,
            clock,
            pool,
            this::onSlotsFreed,
            metrics.live(),
            meters);
    this.dispatcher =
        new Dispatcher(
            states,
            executor,
            handlers.runnable(),
            config.batchSize(),
            clock,
            metrics.live(),
            meters);
    // An executor without a handler runs nothing: the fleet does not count it as idle.
    int capacity = handlers.runnable().isEmpty() ? 0 : config.concurrency();
    this.heartbeat =
        new Heartbeat(
            store, executor, events, config, capacity, new ResourceMeter(config.resourceSampler()));
    this.sweeper = new LeaseSweeper(states, outcomes, clock, config.leaseLength());
    this.handoff = new SubmitHandoff(executor, dispatcher, handlers.runnable(), dispatchWaiter);
    this.jobs =
        new StoreJobs(
            states,
            handlers,
            config::policy,
            config.defaultTimeout(),
            nextOccurrence,
            clock,
            handoff,
            metrics.live());
    events.subscribe(JobStateChanged.class, this::onStateChanged);
    this.schedules = BackgroundTasks.create(this);
    this.breakers = new Breakers(clock);
    breakers.addListener(
        change ->
            events.publish(
                new BreakerStateChanged(change.name(), change.from(), change.to(), change.at())));
    this.health = new Health(clock);
    health.onStatusChange(
        (before, after) ->
            events.publish(
                new HealthChanged(
                    before.status().label(),
                    after.status().label(),
                    after.message(),
                    after.checkedAt())));
    this.services = new Services(clock, breakers, config.serviceProbeInterval());
    this.privacy = new Privacy(store.subjects());
    this.fleet = new Fleet(store::executors, clock);
    this.analytics = new StoreAnalytics(store.analytics(), clock);
    this.alerts =
        new Alerts(
            config.alertSettings(),
            new AlertSource(store, analytics, fleet, schedules),
            clock,
            events::publish);
    EngineHealth.register(this, health);
    meters.bind(this);
  }

  private static JobStore openStore(EngineConfig config) {
    if (config.dataSource() != null) {
      return JdbcStores.open(config.dataSource());
    }
    return JdbcStores.open(config.databaseUrl(), config.poolSize());
  }

  private void onStateChanged(JobStateChanged event) {
    if (event.to().equals(JobStatus.CANCELLED.name())) {
      executor.stop(Set.of(JobId.of(event.jobId())), "cancelled");
    }
    if (event.from() != null && event.to().equals(JobStatus.QUEUED.name())) {
      // A retry, a release or a promotion queued a job: claim before any hand-off overtakes it.
      dispatcher.noteQueued();
      dispatchWaiter.wake();
    }
  }

  /** A handler thread or buffer place came free: fetch more only if the queue may hold some. */
  private void onSlotsFreed() {
    if (dispatcher.hasBacklog()) {
      dispatchWaiter.wake();
    }
  }

  /**
   * Opens or closes the submit-time hand-off of fresh jobs to idle handler threads. Closing waits
   * for hand-offs under way. Open only while the dispatcher loop runs.
   */
  void setHandoffOpen(boolean open) {
    handoff.setOpen(open);
  }

  /** Registers this process's executor with a fresh lease. */
  public void registerExecutor() {
    heartbeat.register();
  }

  /** This process's executor id. */
  public String executorId() {
    return executor.id();
  }

  /** The job types this process runs, {@code provider.action}. */
  public Set<String> runnableTypes() {
    return handlers.runnable();
  }

  /** Wakes the dispatcher now. */
  public void wakeDispatcher() {
    dispatchWaiter.wake();
  }

  /** Moves due SCHEDULED jobs to QUEUED. */
  public void promoteDue() {
    dispatcher.promoteDue();
  }

  /**
   * Claims one batch of due jobs and hands it to the executor.
   *
   * @return how many jobs were claimed
   */
  public int claimOnce() {
    return dispatcher.claimOnce();
  }

  /** Ends executions that ran past their timeout by the clock; returns how many. */
  public int checkTimeouts() {
    return executor.checkTimeouts();
  }

  /** Renews this executor's lease. */
  public void renewLease() {
    heartbeat.runOnce();
  }

  /** One stale-lease sweep: recovers orphaned jobs and expires overdue ones. */
  public RecoveryReport recover() {
    return sweeper.runOnce();
  }

  /** Reads recurring jobs' trigger specs. */
  NextOccurrence nextOccurrence() {
    return nextOccurrence;
  }

  /** Writes every queued start and finish now; true if there was any. */
  public boolean flushWrites() {
    return writer.flush() > 0;
  }

  /** Takes back the claimed jobs no handler thread has begun, so that none begins. */
  public List<ClaimedJob> takeBackUnstarted() {
    return executor.drainUnstarted();
  }

  /**
   * Returns jobs taken back to the queue, writes every pending start and finish and ends this
   * executor's lease, for a clean shutdown.
   */
  public void releaseAndStop(List<ClaimedJob> unstarted) {
    Instant now = config.clock().instant();
    // The claim spent an attempt; a job taken back before it began gets it back.
    var releases =
        unstarted.stream()
            .map(job -> Transition.release(job, now, "released at shutdown"))
            .toList();
    states.apply(releases);
    writer.flush();
    heartbeat.stop();
  }

  public EngineConfig config() {
    return config;
  }

  public JobStore store() {
    return store;
  }

  /** The database product and version, as read when the store opened ({@code H2 2.5.252 …}). */
  public String storeEngine() {
    return storeEngine;
  }

  public EventBus events() {
    return events;
  }

  /** What the other instances share ({@code shareEvents}), published as it is heard. */
  public EventBus peerEvents() {
    return peers;
  }

  /** Starts sharing events with the other instances, or returns null where there are none. */
  AutoCloseable shareEvents() {
    return EventRelay.start(store, events, peers, config.clock());
  }

  public Jobs jobs() {
    return jobs;
  }

  Handlers handlers() {
    return handlers;
  }

  Writer writer() {
    return writer;
  }

  LocalExecutor executor() {
    return executor;
  }

  Dispatcher dispatcher() {
    return dispatcher;
  }

  Heartbeat heartbeat() {
    return heartbeat;
  }

  LeaseSweeper sweeper() {
    return sweeper;
  }

  /** Wakes the dispatcher loop: a job became due, or the executor has room. */
  Waiter dispatchWaiter() {
    return dispatchWaiter;
  }

  /**
   * On PostgreSQL, starts listening for other instances' submits so that they wake this dispatcher
   * at once; elsewhere there is no one else to hear.
   *
   * @return the listener to close at shutdown, or null
   */
  SubmitListener listenForSubmits() {
    return JdbcStores.listenForSubmits(store, dispatchWaiter::wake, config.clock());
  }

  /** The named circuit breakers of every call that leaves the process. */
  public Breakers breakers() {
    return breakers;
  }

  /** Health indicators; the orchestrator adds its own (dispatcher, workers). */
  public Health health() {
    return health;
  }

  /** The downstream services, probed on a schedule by the {@code service_prober} loop. */
  public Services services() {
    return services;
  }

  /** The named background tasks, as {@code GET /scheduler} lists them. */
  public Schedules schedules() {
    return schedules;
  }

  /** Re-reads every executor's row: its lease, load and liveness (poll_worker_job_status). */
  List<ExecutorRecord> refreshExecutors() {
    List<ExecutorRecord> fresh = store.executors();
    executors = fresh;
    return fresh;
  }

  /** What poll_worker_job_status does besides re-reading the executors: ask remote workers. */
  void onWorkerPoll(Runnable poll) {
    this.workerPoll = poll;
  }

  /** poll_worker_job_status: re-reads the executors, then asks remote workers about their jobs. */
  void pollWorkers() {
    refreshExecutors();
    workerPoll.run();
  }

  /** The executors as last read by {@link #refreshExecutors()}. */
  List<ExecutorRecord> executors() {
    return executors;
  }

  /** Takes a metrics snapshot into the history (collect_metrics). */
  void collectMetrics() {
    metrics.collect();
  }

  /** Job counters with their history, live counters and latencies. */
  public Metrics metrics() {
    return metrics;
  }

  /** Finding and erasing a data subject's jobs. */
  public Privacy privacy() {
    return privacy;
  }

  /** Every executor sharing the store, read afresh. */
  public Fleet fleet() {
    return fleet;
  }

  /** Execution statistics, job counts and execution lists from the store. */
  public Analytics analytics() {
    return analytics;
  }

  public Alerts alerts() {
    return alerts;
  }

  /** Where the hot path reports to the metrics registry, if one was given. */
  EngineMeters meters() {
    return meters;
  }

  @Override
  public void close() {
    try {
      meters.close();
      health.close();
    } finally {
      store.close();
    }
  }
}
