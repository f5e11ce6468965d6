package org.rpa.core.supervise;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.rpa.core.supervise.LoopStatus.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervised loop and the thread that runs it. The state fields are guarded by the {@link
 * Supervisor}'s lock; each start gets a fresh {@link Run}, so a thread that ends late can tell it
 * is no longer current and leaves the state alone.
 */
final class LoopRunner {
  private static final Logger log = LoggerFactory.getLogger(LoopRunner.class);

  /** Told when the loop of a current run throws. */
  interface CrashHandler {
    void crashed(LoopRunner runner, Run run, Throwable error);
  }

  final SupervisedLoop loop;
  final String name;
  final Waiter waiter;
  private final CrashHandler crashHandler;
  private final AtomicInteger threadNumber = new AtomicInteger();

  Status status = Status.STOPPED;
  int restartCount;
  Instant lastStartedAt;
  Instant lastCrashedAt;
  String error;
  Run run;

  LoopRunner(SupervisedLoop loop, CrashHandler crashHandler) {
    this.loop = loop;
    this.name = loop.name();
    this.waiter = loop.waiter();
    this.crashHandler = crashHandler;
  }

  LoopStatus snapshot(int maxRestarts) {
    return new LoopStatus(
        name,
        status,
        restartCount,
        maxRestarts,
        lastStartedAt,
        lastCrashedAt,
        error,
        loop.critical());
  }

  /** Starts a new thread; the caller has set the state to RUNNING. */
  Run startThread() {
    Run started = new Run();
    Thread thread = new Thread(started, "rpa-" + name + "-" + threadNumber.incrementAndGet());
    thread.setDaemon(true);
    started.thread = thread;
    run = started;
    waiter.wake();
    thread.start();
    return started;
  }

  /** Detaches the current run and asks it to stop; the caller joins it outside the lock. */
  Run detach() {
    Run detached = run;
    run = null;
    if (detached != null) {
      detached.stopping = true;
      waiter.wake();
    }
    return detached;
  }

  /** One thread's life: the loop until it is stopped or throws. */
  final class Run implements Runnable {
    volatile boolean stopping;
    Thread thread;

    @Override
    public void run() {
      try {
        while (!stopping) {
          waiter.await(loop.pollInterval());
          if (stopping) {
            break;
          }
          loop.runOnce();
        }
      } catch (Throwable e) {
        if (stopping) {
          log.debug("Loop '{}' ended while stopping", name, e);
        } else {
          crashHandler.crashed(LoopRunner.this, this, e);
        }
      }
    }
  }
}
