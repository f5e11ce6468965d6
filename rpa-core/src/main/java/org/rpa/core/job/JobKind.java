package org.rpa.core.job;

/** Whether a job runs once or on a trigger, again and again. */
public enum JobKind {
  ONE_TIME,
  RECURRING
}
