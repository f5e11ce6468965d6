package org.rpa.core.engine;

import java.time.Duration;
import org.rpa.core.StoreException;
import org.rpa.core.supervise.SupervisedLoop;
import org.rpa.core.supervise.Waiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A supervised loop whose pass reads or writes the store. A pass that fails because the store is
 * down is not a crash of the loop: it is logged, the loop waits a second and tries again, so a
 * database outage cannot use up the supervisor's restarts.
 */
final class StoreLoop implements SupervisedLoop {
  private static final Logger log = LoggerFactory.getLogger(StoreLoop.class);
  static final Duration STORE_DOWN_PAUSE = Duration.ofSeconds(1);

  /** One pass of a loop. */
  @FunctionalInterface
  public interface Pass {
    void run() throws Exception;
  }

  private final String name;
  private final Duration interval;
  private final boolean critical;
  private final Waiter waiter;
  private final Pass pass;

  public StoreLoop(String name, Duration interval, boolean critical, Waiter waiter, Pass pass) {
    this.name = name;
    this.interval = interval;
    this.critical = critical;
    this.waiter = waiter;
    this.pass = pass;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void runOnce() throws Exception {
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
  public boolean critical() {
    return critical;
  }

  @Override
  public Waiter waiter() {
    return waiter;
  }
}
