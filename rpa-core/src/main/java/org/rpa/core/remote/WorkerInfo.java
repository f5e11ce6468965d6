package org.rpa.core.remote;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.rpa.core.metrics.ResourceSample;

/**
 * What a worker says of itself in {@code GET /status}.
 *
 * @param workerId the worker process's id, new at each start: a restarted worker is a new executor
 * @param actions per provider, the actions it can run
 * @param maxConcurrent how many jobs it runs at once
 * @param currentLoad how many it runs now
 * @param resources what its process and the processes it started (its browsers) use; null when it
 *     does not say
 */
public record WorkerInfo(
    String workerId,
    String hostname,
    Map<String, Set<String>> actions,
    int maxConcurrent,
    int currentLoad,
    ResourceSample resources) {
  public WorkerInfo {
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(hostname, "hostname");
    actions = Map.copyOf(actions);
  }

  /** True if it registered a handler for {@code provider.action}. */
  public boolean runs(String type) {
    int dot = type.indexOf('.');
    Set<String> forProvider = actions.get(type.substring(0, dot));
    return forProvider != null && forProvider.contains(type.substring(dot + 1));
  }
}
