package org.rpa.core.event;

import java.util.function.Consumer;

/**
 * Delivers {@link RpaEvent}s to listeners in the publishing thread. Listeners are isolated: one
 * that throws is logged and counted, and neither the other listeners nor the publisher see it.
 * Listeners must be quick; hand slow work (a WebSocket write, an HTTP callback) to your own thread
 * or outbox.
 *
 * <p>Thread-safe.
 */
public interface EventBus {

  /** Delivers {@code event} to every listener subscribed to its class or a supertype of it. */
  void publish(RpaEvent event);

  /** Subscribes to every event. Close the returned subscription to stop. */
  default Subscription subscribe(Consumer<? super RpaEvent> listener) {
    return subscribe(RpaEvent.class, listener);
  }

  /** Subscribes to events of one type (or its subtypes). */
  <E extends RpaEvent> Subscription subscribe(Class<E> type, Consumer<? super E> listener);

  /** How many listener calls threw since this bus was made. */
  long listenerFailures();

  /** An event bus that delivers in memory, in the publishing thread. */
  static EventBus inMemory() {
    return new InMemoryEventBus();
  }
}
