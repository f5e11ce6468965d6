package org.rpa.core.event;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The in-memory {@link EventBus}. Thread-safe; listeners live in a copy-on-write list. */
final class InMemoryEventBus implements EventBus {
  private static final Logger log = LoggerFactory.getLogger(InMemoryEventBus.class);

  private final CopyOnWriteArrayList<Listener<?>> listeners = new CopyOnWriteArrayList<>();
  private final LongAdder failures = new LongAdder();

  @Override
  public void publish(RpaEvent event) {
    Objects.requireNonNull(event, "event");
    for (Listener<?> listener : listeners) {
      listener.offer(event);
    }
  }

  @Override
  public <E extends RpaEvent> Subscription subscribe(Class<E> type, Consumer<? super E> listener) {
    var entry = new Listener<E>(Objects.requireNonNull(type, "type"), listener);
    listeners.add(entry);
    return () -> listeners.remove(entry);
  }

  @Override
  public long listenerFailures() {
    return failures.sum();
  }

  private final class Listener<E extends RpaEvent> {
    private final Class<E> type;
    private final Consumer<? super E> consumer;

    Listener(Class<E> type, Consumer<? super E> consumer) {
      this.type = type;
      this.consumer = Objects.requireNonNull(consumer, "listener");
    }

    void offer(RpaEvent event) {
      if (!type.isInstance(event)) {
        return;
      }
      try {
        consumer.accept(type.cast(event));
      } catch (RuntimeException | LinkageError e) {
        failures.increment();
        log.warn("Event listener {} failed on {}", consumer, event.type(), e);
      }
    }
  }
}
