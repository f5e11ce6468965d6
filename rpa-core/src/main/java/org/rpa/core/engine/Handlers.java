package org.rpa.core.engine;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.job.JobHandler;

/**
 * The handlers of this process, per provider and action, and the job types the orchestrator accepts
 * (its handlers' types, plus types declared for other executors). Immutable.
 */
final class Handlers {
  private final Map<String, JobHandler> byType;
  private final Set<String> accepted;

  public Handlers(Map<String, JobHandler> byType, Set<String> declared) {
    this.byType = Map.copyOf(byType);
    var all = new LinkedHashSet<>(byType.keySet());
    all.addAll(declared);
    this.accepted = Set.copyOf(all);
  }

  /** The key of a job type, {@code provider.action}. */
  public static String type(String provider, String action) {
    return provider + "." + action;
  }

  public Optional<JobHandler> handler(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  /** The types this process can run. */
  public Set<String> runnable() {
    return byType.keySet();
  }

  /**
   * Providers and, per provider, the actions this process can run, as a worker's status lists them.
   */
  public Map<String, Set<String>> actionsByProvider() {
    var map = new LinkedHashMap<String, Set<String>>();
    for (String type : byType.keySet()) {
      int dot = type.indexOf('.');
      map.computeIfAbsent(type.substring(0, dot), key -> new LinkedHashSet<>())
          .add(type.substring(dot + 1));
    }
    return map;
  }

  /**
   * Checks that the orchestrator accepts jobs of this provider and action.
   *
   * @throws InvalidRequestException naming the unknown provider or action
   */
  public void checkAccepted(String provider, String action) {
    if (accepted.contains(type(provider, action))) {
      return;
    }
    boolean providerKnown = accepted.stream().anyMatch(t -> t.startsWith(provider + "."));
    if (!providerKnown) {
      throw new InvalidRequestException("provider", provider, "must be one of " + providers());
    }
    throw new InvalidRequestException(
        "action", action, "must be an action registered for provider " + provider);
  }

  private Set<String> providers() {
    var providers = new LinkedHashSet<String>();
    accepted.forEach(t -> providers.add(t.substring(0, t.indexOf('.'))));
    return providers;
  }
}
