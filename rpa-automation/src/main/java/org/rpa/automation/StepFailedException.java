package org.rpa.automation;

/** A step did not succeed: no locator matched in time, or an assertion failed. Technical. */
public final class StepFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String step;

  public StepFailedException(String step, String message, Throwable cause) {
    super("Step '" + step + "' failed: " + message, cause);
    this.step = step;
  }

  public String step() {
    return step;
  }
}
