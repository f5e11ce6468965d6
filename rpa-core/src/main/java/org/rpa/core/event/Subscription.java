package org.rpa.core.event;

/** A listener's registration; {@link #close()} removes it. Closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}
