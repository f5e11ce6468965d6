package org.rpa.automation;

/**
 * Self-healing so far: of the element steps whose first locator missed, how many a later locator
 * saved ({@code healed}) and how many failed anyway.
 */
public record SelfHealing(long healed, long failed) {
  /** healed / (healed + failed), or 1.0 when no first locator has missed yet. */
  public double rate() {
    long total = healed + failed;
    return total == 0 ? 1.0 : (double) healed / total;
  }
}
