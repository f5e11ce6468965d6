package org.rpa.core.alert;

/** How urgent a firing alert is. */
public enum AlertSeverity {
  /** Worth a look: the system works, but worse than it should (a yellow light). */
  WARNING,
  /** Work is failing or not running (a red light). */
  CRITICAL
}
