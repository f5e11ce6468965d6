package org.rpa.core.supervise;

import java.time.Duration;

/**
 * A background loop that a {@link Supervisor} runs in its own thread, named {@code rpa-<name>-N}:
 *
 * <pre>{@code
 * while (running) { waiter.await(pollInterval()); runOnce(); }
 * }</pre>
 *
 * <p>The first pass runs as soon as the loop starts. If {@link #runOnce()} throws, the thread ends
 * and the supervisor records a crash and restarts the loop with backoff. To be woken early (push
 * first, polling as the safety net), call {@link Supervisor#wake(String)}, or return your own
 * {@link Waiter} from {@link #waiter()} and wake that.
 *
 * <p>{@link #runOnce()} is only ever called from one thread at a time; the other methods must be
 * safe to call from any thread.
 */
public interface SupervisedLoop {
  /** The loop name, matching {@code ^[a-zA-Z][a-zA-Z0-9_]*$}. */
  String name();

  /** One pass of the loop; throwing crashes the loop. */
  void runOnce() throws Exception;

  /** The longest wait between two passes. */
  default Duration pollInterval() {
    return Duration.ofSeconds(1);
  }

  /** Whether the engine is unhealthy while this loop is not running. */
  default boolean critical() {
    return false;
  }

  /**
   * The waiter that paces this loop, asked once at registration. Return a shared one to let other
   * parts of the engine wake the loop; the default is a fresh, private waiter.
   */
  default Waiter waiter() {
    return new Waiter();
  }
}
