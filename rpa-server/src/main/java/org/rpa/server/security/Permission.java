package org.rpa.server.security;

import java.util.Set;

/** Every {@code resource:action} permission a route can require. */
public final class Permission {
  public static final String JOB_CREATE = "job:create";
  public static final String JOB_READ = "job:read";
  public static final String JOB_UPDATE = "job:update";
  public static final String JOB_CANCEL = "job:cancel";
  public static final String JOB_RECOVER = "job:recover";
  public static final String SCHEDULER_PROCESS = "scheduler:process";
  public static final String SCHEDULER_RESET = "scheduler:reset";
  public static final String EVIDENCE_READ = "evidence:read";
  public static final String BROWSER_READ = "browser:read";
  public static final String PRIVACY_EXECUTE = "privacy:execute";

  /** Reading the monitoring views: statistics, workers and execution logs. */
  public static final String MONITORING_READ = "monitoring:read";

  /** Resetting a circuit breaker to closed: a control action (admin, operator). */
  public static final String BREAKER_RESET = "breaker:reset";

  /** Starting, stopping, restarting and resetting the supervised background loops. */
  public static final String SUPERVISOR_CONTROL = "supervisor:control";

  /**
   * Stopping a critical loop (dispatcher, writer, heartbeat), on top of {@link
   * #SUPERVISOR_CONTROL}: it stops the engine from claiming, writing or renewing its lease.
   */
  public static final String SUPERVISOR_STOP_CRITICAL = "supervisor:stop_critical";

  public static final Set<String> ALL =
      Set.of(
          BROWSER_READ,
          PRIVACY_EXECUTE,
          JOB_CREATE,
          JOB_READ,
          JOB_UPDATE,
          JOB_CANCEL,
          JOB_RECOVER,
          SCHEDULER_PROCESS,
          SCHEDULER_RESET,
          EVIDENCE_READ,
          MONITORING_READ,
          SUPERVISOR_CONTROL,
          SUPERVISOR_STOP_CRITICAL,
          BREAKER_RESET);

  private Permission() {}
}
