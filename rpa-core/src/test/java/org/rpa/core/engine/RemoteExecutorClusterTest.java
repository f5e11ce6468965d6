package org.rpa.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.event.EventBus;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.recovery.RetryPolicy;
import org.rpa.core.remote.RemoteJob;
import org.rpa.core.remote.RemoteReport;
import org.rpa.core.remote.RemoteResult;
import org.rpa.core.remote.RemoteWorker;
import org.rpa.core.remote.WorkerInfo;
import org.rpa.core.resilience.BreakerOptions;
import org.rpa.core.resilience.Breakers;
import org.rpa.core.store.JdbcStores;
import org.rpa.core.store.JobStore;
import org.rpa.core.store.NewJob;
import org.rpa.core.testing.H2;
import org.rpa.core.testing.MutableClock;

/**
 * Two orchestrators on one store with one remote worker, stepped by hand on one clock: the worker
 * reports each result to one of them, as a worker of a cluster does, and the other must still see
 * the worker's room come back.
 */
class RemoteExecutorClusterTest {
  private static final Duration LEASE = Duration.ofSeconds(60);

  private final MutableClock clock = MutableClock.at("2026-12-04T08:00:00Z");
  private final JobStore store = JdbcStores.open(H2.memory(), 4);
  private final TwoSlots worker = new TwoSlots();

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void a_result_applied_by_another_orchestrator_gives_the_worker_its_room_back() {
    RemoteExecutor first = orchestrator();
    RemoteExecutor second = orchestrator();
    List<JobId> jobs = submit(3);

    first.heartbeat();
    assertThat(first.dispatchOnce()).as("the worker's two slots").isEqualTo(2);
    second.complete(worker.success(worker.handed.get(0)));
    assertThat(store.find(jobs.get(0)).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);

    assertThat(first.dispatchOnce())
        .as("the slot the other orchestrator's result freed, without waiting for a poll")
        .isEqualTo(1);
    assertThat(worker.handed.stream().map(RemoteJob::jobId).toList())
        .containsExactly(jobs.get(0).value(), jobs.get(1).value(), jobs.get(2).value());
  }

  @Test
  void a_poll_that_finds_a_result_already_applied_forgets_the_job() {
    RemoteExecutor first = orchestrator();
    RemoteExecutor second = orchestrator();
    submit(2);

    first.heartbeat();
    assertThat(first.dispatchOnce()).isEqualTo(2);
    RemoteResult done = worker.success(worker.handed.get(0));
    second.complete(done);
    worker.finished.add(done);

    assertThat(first.pollOnce()).as("nothing left for this orchestrator to apply").isZero();
    submit(1);
    assertThat(first.dispatchOnce()).isEqualTo(1);
  }

  @Test
  void a_worker_restarted_behind_an_open_breaker_is_taken_back_at_the_next_heartbeat() {
    RemoteExecutor first = orchestrator();
    openBreaker(first);
    assertThat(first.states()).containsEntry(worker.url(), "offline");

    worker.down = false;
    worker.id = "worker-a-restarted";
    first.heartbeat();

    assertThat(first.states())
        .as(
            "seen with the breaker's wait of %s still ahead",
            Breakers.DEFAULT_WAIT_DURATION_IN_OPEN_STATE)
        .containsEntry(worker.url(), "online");
    submit(1);
    assertThat(first.dispatchOnce()).isEqualTo(1);
  }

  @Test
  void the_same_worker_process_back_behind_an_open_breaker_is_taken_back_at_the_next_heartbeat() {
    RemoteExecutor first = orchestrator();
    openBreaker(first);
    assertThat(first.states()).containsEntry(worker.url(), "offline");

    worker.down = false; // a network fault healed: the same process answers again
    first.heartbeat();

    assertThat(first.states())
        .as(
            "seen with the breaker's wait of %s still ahead",
            Breakers.DEFAULT_WAIT_DURATION_IN_OPEN_STATE)
        .containsEntry(worker.url(), "online");
    submit(1);
    assertThat(first.dispatchOnce()).isEqualTo(1);
  }

  @Test
  void a_worker_that_answers_probes_but_refuses_its_jobs_opens_its_breaker_again() {
    Breakers breakers = new Breakers(clock);
    RemoteExecutor first = orchestrator(breakers);
    openBreaker(first);
    worker.down = false;
    worker.refuses = true;
    List<JobId> jobs = submit(3);

    first.heartbeat();
    assertThat(breakers.view("worker-1").orElseThrow().state()).isEqualTo("half_open");
    for (int i = 0; i < Breakers.DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE; i++) {
      assertThat(first.dispatchOnce()).as("a trial hand-over, refused").isZero();
    }

    assertThat(breakers.view("worker-1").orElseThrow().state()).isEqualTo("open");
    assertThat(worker.handed).hasSize(Breakers.DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE);
    assertThat(first.dispatchOnce()).as("nothing past the open breaker").isZero();
    assertThat(worker.handed).hasSize(Breakers.DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE);
    for (JobId job : jobs) {
      var stored = store.find(job).orElseThrow();
      assertThat(stored.status()).isEqualTo(JobStatus.QUEUED);
      assertThat(stored.attempts()).as("a refused hand-over uses no attempt").isZero();
    }

    worker.refuses = false;
    first.heartbeat();
    assertThat(first.dispatchOnce()).as("the worker's two slots").isEqualTo(2);
  }

  /** The worker online, then down through enough failed probes to open its breaker. */
  private void openBreaker(RemoteExecutor orchestrator) {
    orchestrator.heartbeat();
    worker.down = true;
    for (int i = 0; i < 40; i++) {
      orchestrator.heartbeat();
    }
  }

  private RemoteExecutor orchestrator() {
    return orchestrator(new Breakers(clock));
  }

  private RemoteExecutor orchestrator(Breakers breakers) {
    return new RemoteExecutor(
        List.of(worker),
        store,
        EventBus.inMemory(),
        new Outcomes(type -> RetryPolicy.ofDefaults(), new Recurrences(), new java.util.Random(1)),
        breakers,
        BreakerOptions.ofDefaults(),
        clock,
        LEASE,
        10,
        EngineMeters.NONE);
  }

  private List<JobId> submit(int count) {
    var jobs =
        java.util.stream.IntStream.range(0, count)
            .mapToObj(
                i ->
                    new NewJob(
                        JobRequest.of("mfn", "validation"),
                        JobStatus.QUEUED,
                        clock.instant(),
                        3,
                        Duration.ofMinutes(5)))
            .toList();
    return store.insert(jobs, clock.instant()).stream().map(s -> s.id()).toList();
  }

  /** A worker that runs two jobs at a time and reports what it was told it finished. */
  private final class TwoSlots implements RemoteWorker {
    final List<RemoteJob> handed = new CopyOnWriteArrayList<>();
    volatile boolean down;
    volatile boolean refuses;
    volatile String id = "worker-a";

    final List<RemoteResult> finished = new CopyOnWriteArrayList<>();

    @Override
    public String url() {
      return "http://127.0.0.1:1/two-slots";
    }

    @Override
    public WorkerInfo probe() throws java.net.ConnectException {
      if (down) {
        throw new java.net.ConnectException("Connection refused");
      }
      return new WorkerInfo(id, "host", Map.of("mfn", Set.of("validation")), 2, 0, null);
    }

    @Override
    public Handover execute(RemoteJob job) {
      handed.add(job);
      return refuses ? Handover.REFUSED : Handover.ACCEPTED;
    }

    @Override
    public RemoteReport report(long jobId) {
      return finished.stream()
          .filter(r -> r.jobId() == jobId)
          .findFirst()
          .map(r -> new RemoteReport(RemoteReport.State.FINISHED, r))
          .orElse(new RemoteReport(RemoteReport.State.RUNNING, null));
    }

    RemoteResult success(RemoteJob job) {
      return new RemoteResult(
          job.jobId(),
          job.occurrence(),
          job.attempt(),
          "worker-a",
          ExecutionStatus.SUCCESS,
          Map.of("ok", true),
          null,
          false,
          Duration.ofMillis(5),
          List.of(),
          null);
    }
  }
}
