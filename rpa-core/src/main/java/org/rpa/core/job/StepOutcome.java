package org.rpa.core.job;

/** How a step ended. HEALED: it passed, but only through a fallback locator. */
public enum StepOutcome {
  PASSED,
  HEALED,
  FAILED,
  SKIPPED
}
