package org.rpa.core.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rpa.core.metrics.Gauge;
import org.rpa.core.schedule.BackgroundTask;

/**
 * What modules add to an engine through its builder: work that runs after a named background task
 * (such as evidence retention after {@code cleanup_old_evidence}), and extra gauges. Not API.
 *
 * @param taskWork per task name, the extra work in the order it was added
 */
public record EngineHooks(Map<String, List<BackgroundTask>> taskWork, List<Gauge> gauges) {
  public static final EngineHooks NONE = new EngineHooks(Map.of(), List.of());

  public EngineHooks {
    taskWork = Map.copyOf(taskWork);
    gauges = List.copyOf(gauges);
  }

  /** The names of the background tasks that work can be added to. */
  public static Set<String> taskNames() {
    return BackgroundTasks.NAMES;
  }

  /** {@code task} followed by the work added to {@code name}, each run even if one before threw. */
  BackgroundTask around(String name, BackgroundTask task) {
    List<BackgroundTask> extra = taskWork.getOrDefault(name, List.of());
    if (extra.isEmpty()) {
      return task;
    }
    return () -> {
      Exception first = null;
      for (BackgroundTask each : concat(task, extra)) {
        try {
          each.run();
        } catch (Exception e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
      if (first != null) {
        throw first;
      }
    };
  }

  private static List<BackgroundTask> concat(BackgroundTask task, List<BackgroundTask> extra) {
    var all = new java.util.ArrayList<BackgroundTask>(extra.size() + 1);
    all.add(task);
    all.addAll(extra);
    return all;
  }
}
