package org.rpa.core.supervise;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Status listeners; each call is isolated, so a listener that throws never reaches the caller. */
final class LoopListeners {
  private static final Logger log = LoggerFactory.getLogger(LoopListeners.class);

  private final Set<Consumer<LoopStatus>> listeners = new CopyOnWriteArraySet<>();

  void add(Consumer<LoopStatus> listener) {
    listeners.add(listener);
  }

  void remove(Consumer<LoopStatus> listener) {
    listeners.remove(listener);
  }

  void publish(List<LoopStatus> changes) {
    for (LoopStatus change : changes) {
      for (Consumer<LoopStatus> listener : listeners) {
        try {
          listener.accept(change);
        } catch (RuntimeException | Error e) {
          log.warn("Loop status listener {} failed on {}", listener, change, e);
        }
      }
    }
  }
}
