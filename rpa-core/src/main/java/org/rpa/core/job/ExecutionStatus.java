package org.rpa.core.job;

/** The status of one execution (an attempt, or an occurrence of a recurring job). */
public enum ExecutionStatus {
  RUNNING,
  SUCCESS,
  FAILED,
  TIMEOUT,
  CANCELLED
}
