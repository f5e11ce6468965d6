package org.rpa.core.supervise;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's own thread, {@code rpa-supervisor-N}: calls {@link Supervisor#runOnce()} every
 * {@link Supervisor#SUPERVISOR_INTERVAL} and when a crash wakes it. Each pass is isolated: a
 * failing pass is logged and the loop carries on. Guarded by the supervisor's lock.
 */
final class SupervisorThread {
  private static final Logger log = LoggerFactory.getLogger(SupervisorThread.class);

  private final Supervisor supervisor;
  private final Waiter waiter;
  private final AtomicInteger threadNumber = new AtomicInteger();
  private volatile Thread thread;

  SupervisorThread(Supervisor supervisor, Waiter waiter) {
    this.supervisor = supervisor;
    this.waiter = waiter;
  }

  void start() {
    Thread started = new Thread(this::loop, "rpa-supervisor-" + threadNumber.incrementAndGet());
    started.setDaemon(true);
    thread = started;
    started.start();
  }

  /** Asks the thread to end and returns it for joining, or null if none runs. */
  Thread stop() {
    Thread stopping = thread;
    thread = null;
    waiter.wake();
    return stopping;
  }

  private void loop() {
    Thread self = Thread.currentThread();
    while (thread == self) {
      try {
        waiter.await(Supervisor.SUPERVISOR_INTERVAL);
        if (thread == self) {
          supervisor.runOnce();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException | Error e) {
        log.error("Supervisor pass failed; carrying on", e);
      }
    }
  }
}
