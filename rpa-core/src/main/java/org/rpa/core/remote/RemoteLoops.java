package org.rpa.core.remote;

import java.time.Duration;
import org.rpa.core.StoreException;
import org.rpa.core.internal.Waiter;
import org.rpa.core.supervise.SupervisedLoop;
import org.rpa.core.supervise.Supervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervised loops of remote dispatch: {@code worker_heartbeat} probes the workers and renews
 * their leases; {@code worker_dispatcher} hands them jobs, woken when a job is queued or a worker
 * has room. A pass that fails because the store is down waits and tries again.
 */
public final class RemoteLoops {
  private static final Logger log = LoggerFactory.getLogger(RemoteLoops.class);
  private static final Duration STORE_DOWN_PAUSE = Duration.ofSeconds(1);

  private RemoteLoops() {}

  public static void register(
      Supervisor supervisor, RemoteWorkers workers, Duration heartbeat, Duration poll) {
    supervisor.register(loop("worker_heartbeat", heartbeat, new Waiter(), workers::heartbeat));
    supervisor.register(
        loop("worker_dispatcher", poll, workers.waiter(), () -> workers.dispatchOnce()));
  }

  private static SupervisedLoop loop(String name, Duration interval, Waiter waiter, Runnable pass) {
    return new SupervisedLoop() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void runOnce() throws InterruptedException {
        try {
          pass.run();
        } catch (StoreException e) {
          log.warn("{}: the store failed ({}); trying again shortly", name, e.getMessage());
          waiter.await(STORE_DOWN_PAUSE);
        }
      }

      @Override
      public Duration pollInterval() {
        return interval;
      }

      @Override
      public Waiter waiter() {
        return waiter;
      }
    };
  }
}
