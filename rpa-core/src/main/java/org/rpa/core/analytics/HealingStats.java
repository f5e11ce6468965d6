package org.rpa.core.analytics;

import java.util.OptionalDouble;

/**
 * What self-healing did in a window: of the recorded steps whose element's first locator missed,
 * how many a later locator found ({@code healed}), how many no locator found ({@code notHealed}),
 * and how many had no other locator to try ({@code noAlternative}).
 */
public record HealingStats(long healed, long notHealed, long noAlternative) {
  /** A window with no such step. */
  public static final HealingStats NONE = new HealingStats(0, 0, 0);

  /**
   * Healed steps over the steps where healing was tried (healed and not healed), from 0 to 1; empty
   * when it was never tried. A step with no alternative locator is not a try.
   */
  public OptionalDouble successRate() {
    long tried = healed + notHealed;
    return tried == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) healed / tried);
  }
}
