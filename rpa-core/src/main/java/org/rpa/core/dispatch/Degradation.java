package org.rpa.core.dispatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.rpa.core.health.ServiceStatus;

/**
 * What still works when executors or downstream services fail, and why. The mode is the worst that
 * applies:
 *
 * <ul>
 *   <li>{@link Mode#OFFLINE}: no executor can run jobs (no in-process executor with a handler, no
 *       remote worker online). Submits are still accepted and stay QUEUED, none is lost; they run
 *       when an executor returns.
 *   <li>{@link Mode#MINIMAL}: remote workers are configured and none is online; only in-process
 *       executors run jobs, and the job types only remote workers run wait.
 *   <li>{@link Mode#DEGRADED}: some remote worker is offline (the others, and in-process executors
 *       of the same types, take its work), a probed service is not healthy, a circuit breaker is
 *       open, or submits reach the dispatcher only by polling.
 *   <li>{@link Mode#NORMAL}: none of these.
 * </ul>
 *
 * @param reasons one sentence per condition that applies, worst first; empty when normal
 * @param inProcessExecutors in-process executors sharing the store that can run jobs (this
 *     orchestrator's and other instances')
 * @param remoteOnline this orchestrator's remote workers that answer their probe
 * @param remoteConfigured this orchestrator's remote workers
 * @param memoryQueueSize claimed jobs held in this process's memory until a handler thread is free
 *     (they are CLAIMED in the store, and come back through their lease if the process dies)
 * @param waitingByType QUEUED jobs by type that no online executor known here runs: they wait for
 *     one to return
 * @param services the probed services, as their last probe found them
 * @param availableFeatures what works now: {@code job_intake}, {@code push_wakeups}, {@code
 *     in_process_execution}, {@code remote_execution}, then the feature of each service that is
 *     available
 */
public record Degradation(
    Mode mode,
    List<String> reasons,
    int inProcessExecutors,
    int remoteOnline,
    int remoteConfigured,
    int memoryQueueSize,
    Map<String, Long> waitingByType,
    List<ServiceStatus> services,
    List<String> availableFeatures) {

  /** The degradation modes, from best to worst. */
  public enum Mode {
    NORMAL,
    DEGRADED,
    MINIMAL,
    OFFLINE;

    /** The wire spelling: {@code normal}, {@code degraded}, {@code minimal}, {@code offline}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Degradation {
    Objects.requireNonNull(mode, "mode");
    reasons = List.copyOf(reasons);
    waitingByType = Collections.unmodifiableMap(new LinkedHashMap<>(waitingByType));
    services = List.copyOf(services);
    availableFeatures = List.copyOf(availableFeatures);
  }

  /** Whether anything is missing: any mode but normal. */
  public boolean isDegraded() {
    return mode != Mode.NORMAL;
  }

  /**
   * Assesses the pipeline.
   *
   * @param openBreakers the names of the circuit breakers that refuse calls now
   */
  public static Degradation assess(
      int inProcessExecutors,
      int remoteOnline,
      int remoteConfigured,
      Wakeups wakeups,
      List<ServiceStatus> services,
      List<String> openBreakers,
      int memoryQueueSize,
      Map<String, Long> waitingByType) {
    List<String> reasons = new ArrayList<>();
    Mode mode = Mode.NORMAL;
    if (inProcessExecutors + remoteOnline == 0) {
      mode = Mode.OFFLINE;
      reasons.add("No executor can run jobs: they stay QUEUED until one returns");
    } else if (remoteConfigured > 0 && remoteOnline == 0) {
      mode = Mode.MINIMAL;
      reasons.add(
          "No remote worker online (0 of " + remoteConfigured + "): only in-process execution");
    } else if (remoteOnline < remoteConfigured) {
      mode = Mode.DEGRADED;
      reasons.add(
          remoteOnline
              + " of "
              + remoteConfigured
              + " remote workers online: the others take their work");
    }
    List<String> degraded = new ArrayList<>();
    for (ServiceStatus service : services) {
      if (service.checked() && !service.available()) {
        degraded.add(
            service.name()
                + (service.circuitOpen() ? " circuit open" : " " + service.status().label())
                + (service.error() == null ? "" : ": " + service.error()));
      }
    }
    for (String breaker : openBreakers) {
      if (services.stream().noneMatch(s -> breaker.equals(s.breaker()) && s.circuitOpen())) {
        degraded.add("circuit breaker " + breaker + " open");
      }
    }
    if (!wakeups.pushed()) {
      degraded.add(
          "submits are picked up by polling every "
              + wakeups.pollInterval().toMillis()
              + " ms: "
              + wakeups.reason());
    }
    if (!degraded.isEmpty() && mode == Mode.NORMAL) {
      mode = Mode.DEGRADED;
    }
    reasons.addAll(degraded);
    return new Degradation(
        mode,
        reasons,
        inProcessExecutors,
        remoteOnline,
        remoteConfigured,
        memoryQueueSize,
        waitingByType,
        services,
        features(inProcessExecutors, remoteOnline, wakeups, services));
  }

  private static List<String> features(
      int inProcess, int remoteOnline, Wakeups wakeups, List<ServiceStatus> services) {
    Set<String> features = new LinkedHashSet<>();
    features.add("job_intake");
    if (wakeups.pushed()) {
      features.add("push_wakeups");
    }
    if (inProcess > 0) {
      features.add("in_process_execution");
    }
    if (remoteOnline > 0) {
      features.add("remote_execution");
    }
    for (ServiceStatus service : services) {
      if (service.feature() != null && service.available()) {
        features.add(service.feature());
      }
    }
    return List.copyOf(features);
  }
}
