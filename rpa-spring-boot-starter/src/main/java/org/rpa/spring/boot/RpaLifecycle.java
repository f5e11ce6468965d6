package org.rpa.spring.boot;

import java.util.Objects;
import org.rpa.core.Orchestrator;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the orchestrator with the application context and stops it with the context.
 *
 * <p>Its phase ({@link #PHASE}) is below the embedded web server's: the orchestrator runs before
 * the server takes requests, and stops after the server's graceful shutdown, so requests that
 * submit jobs finish first. Stopping closes the orchestrator (it stops claiming, waits up to {@code
 * rpa.shutdown-timeout} for running jobs, gives the unstarted claims back and ends its lease); a
 * closed orchestrator cannot start again. Thread-safe.
 */
final class RpaLifecycle implements SmartLifecycle {
  /** Before the web server's start ({@code DEFAULT_PHASE - 2048}), after its shutdown. */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final Orchestrator orchestrator;
  private final boolean autoStartup;
  private volatile boolean running;

  RpaLifecycle(Orchestrator orchestrator, boolean autoStartup) {
    this.orchestrator = Objects.requireNonNull(orchestrator, "orchestrator");
    this.autoStartup = autoStartup;
  }

  @Override
  public synchronized void start() {
    orchestrator.start();
    running = true;
  }

  @Override
  public synchronized void stop() {
    running = false;
    orchestrator.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public boolean isAutoStartup() {
    return autoStartup;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
