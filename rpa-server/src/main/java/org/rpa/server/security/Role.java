package org.rpa.server.security;

import java.util.Locale;
import java.util.Set;

/** The three roles and the {@code resource:action} permissions each holds. */
public enum Role {
  ADMIN(Permission.ALL),
  OPERATOR(
      Set.of(
          Permission.JOB_CREATE,
          Permission.JOB_READ,
          Permission.JOB_UPDATE,
          Permission.JOB_CANCEL,
          Permission.JOB_RECOVER,
          Permission.SCHEDULER_PROCESS,
          Permission.EVIDENCE_READ,
          Permission.BROWSER_READ,
          Permission.MONITORING_READ,
          Permission.BREAKER_RESET,
          Permission.SUPERVISOR_CONTROL)),
  VIEWER(
      Set.of(
          Permission.JOB_READ,
          Permission.EVIDENCE_READ,
          Permission.BROWSER_READ,
          Permission.MONITORING_READ));

  private final Set<String> permissions;

  Role(Set<String> permissions) {
    this.permissions = permissions;
  }

  public boolean allows(String permission) {
    return permissions.contains(permission);
  }

  public Set<String> permissions() {
    return permissions;
  }

  /** The lower-case name used in tokens and documents. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
