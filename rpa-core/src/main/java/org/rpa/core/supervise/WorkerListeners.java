package org.rpa.core.supervise;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Status listeners; each call is isolated, so a listener that throws never reaches the caller. */
final class WorkerListeners {
  private static final Logger log = LoggerFactory.getLogger(WorkerListeners.class);

  private final Set<Consumer<WorkerStatus>> listeners = new CopyOnWriteArraySet<>();

  void add(Consumer<WorkerStatus> listener) {
    listeners.add(listener);
  }

  void remove(Consumer<WorkerStatus> listener) {
    listeners.remove(listener);
  }

  void publish(List<WorkerStatus> changes) {
    for (WorkerStatus change : changes) {
      for (Consumer<WorkerStatus> listener : listeners) {
        try {
          listener.accept(change);
        } catch (RuntimeException | Error e) {
          log.warn("Worker status listener {} failed on {}", listener, change, e);
        }
      }
    }
  }
}
