package org.rpa.core.alert;

/** Whether a rule's condition holds. */
public enum AlertState {
  /** The condition holds. */
  FIRING,
  /** The condition does not hold (or never has). */
  RESOLVED
}
