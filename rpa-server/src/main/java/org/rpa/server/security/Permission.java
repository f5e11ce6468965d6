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
          BREAKER_RESET);

  private Permission() {}
}
