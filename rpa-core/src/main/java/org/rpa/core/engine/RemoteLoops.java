package org.rpa.core.engine;

import java.time.Duration;
import org.rpa.core.supervise.Supervisor;
import org.rpa.core.supervise.Waiter;

/**
 * The supervised loops of remote dispatch: {@code worker_heartbeat} probes the workers and renews
 * their leases; {@code worker_dispatcher} hands them jobs, woken when a job is queued or a worker
 * has room. A pass that fails because the store is down waits and tries again.
 */
final class RemoteLoops {
  private RemoteLoops() {}

  public static void register(
      Supervisor supervisor, RemoteExecutor workers, Duration heartbeat, Duration poll) {
    supervisor.register(
        new StoreLoop("worker_heartbeat", heartbeat, false, new Waiter(), workers::heartbeat));
    supervisor.register(
        new StoreLoop("worker_dispatcher", poll, false, workers.waiter(), workers::dispatchOnce));
  }
}
