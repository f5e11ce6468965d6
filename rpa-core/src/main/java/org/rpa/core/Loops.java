package org.rpa.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.rpa.core.internal.Engine;
import org.rpa.core.internal.Waiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's background loops: dispatcher, writer, heartbeat, timeouts and lease sweeper.
 * Each has a {@code runOnce()}, paced by a {@link Waiter} that a push can wake. Thread-safe.
 */
final class Loops {
  private static final Logger log = LoggerFactory.getLogger(Loops.class);
  private static final Duration WRITER_WAIT = Duration.ofMillis(100);
  private static final Duration TIMEOUT_CHECK = Duration.ofMillis(250);
  private static final Duration FAILURE_PAUSE = Duration.ofSeconds(1);
  private static final Duration SCHEDULER_TICK = Duration.ofMillis(500);

  private final Engine engine;
  private final List<Loop> loops = new ArrayList<>();
  private volatile long lastPromoteNanos;
  private AutoCloseable listener;

  Loops(Engine engine) {
    this.engine = engine;
    var config = engine.config();
    loops.add(
        new Loop("dispatcher", config.pollInterval(), engine.dispatchWaiter(), this::dispatch));
    loops.add(new Loop("writer", Duration.ZERO, new Waiter(), this::write));
    loops.add(
        new Loop(
            "heartbeat",
            config.heartbeatInterval(),
            new Waiter(),
            () -> engine.heartbeat().runOnce()));
    loops.add(
        new Loop("timeouts", TIMEOUT_CHECK, new Waiter(), () -> engine.executor().checkTimeouts()));
    loops.add(
        new Loop(
            "lease_sweeper",
            config.leaseLength().dividedBy(2),
            new Waiter(),
            () -> engine.sweeper().runOnce()));
  }

  /** One dispatcher pass: promote due jobs (at most once per poll interval), then claim. */
  private void dispatch() {
    long now = System.nanoTime();
    if (now - lastPromoteNanos >= engine.config().pollInterval().toNanos()) {
      lastPromoteNanos = now;
      engine.dispatcher().promoteDue();
    }
    int batch = engine.config().batchSize();
    int claimed;
    do {
      claimed = engine.dispatcher().claimOnce();
    } while (claimed == batch && engine.dispatcher().hasRoom());
  }

  private void write() throws InterruptedException {
    engine.writer().awaitAndFlush(WRITER_WAIT);
  }

  void start() {
    listener = engine.listenForSubmits();
    loops.forEach(Loop::start);
    engine.schedules().setRunning(true);
  }

  /** Stops claiming new work; everything else keeps running until {@link #stop()}. */
  void stopDispatching() {
    loops.get(0).stop();
    if (listener != null) {
      try {
        listener.close();
      } catch (Exception e) {
        log.warn("Closing the submit listener failed", e);
      }
    }
  }

  void stop() {
    engine.schedules().setRunning(false);
    for (int i = loops.size() - 1; i >= 0; i--) {
      loops.get(i).stop();
    }
  }

  /** A named loop on its own daemon thread; a failing pass is logged and the loop carries on. */
  private static final class Loop {
    private final String name;
    private final Duration interval;
    private final Waiter waiter;
    private final Pass pass;
    private volatile boolean running;
    private Thread thread;

    Loop(String name, Duration interval, Waiter waiter, Pass pass) {
      this.name = name;
      this.interval = interval;
      this.waiter = waiter;
      this.pass = pass;
    }

    synchronized void start() {
      running = true;
      thread = new Thread(this::run, "rpa-" + name + "-1");
      thread.setDaemon(true);
      thread.start();
    }

    private void run() {
      while (running) {
        try {
          waiter.await(interval);
          if (running) {
            pass.run();
          }
        } catch (InterruptedException e) {
          return;
        } catch (Exception | LinkageError e) {
          log.error("Background loop {} failed; it carries on", name, e);
          pauseAfterFailure();
        }
      }
    }

    /** A failing pass (the database is down) must not spin: wait a moment, or until stopped. */
    private void pauseAfterFailure() {
      try {
        waiter.await(FAILURE_PAUSE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }

    synchronized void stop() {
      running = false;
      if (thread == null) {
        return;
      }
      waiter.wake();
      try {
        thread.join(5_000);
        if (thread.isAlive()) {
          thread.interrupt();
          thread.join(5_000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @FunctionalInterface
  private interface Pass {
    void run() throws Exception;
  }
}
