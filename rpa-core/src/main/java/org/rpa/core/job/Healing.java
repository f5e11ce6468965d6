package org.rpa.core.job;

/**
 * What happened to a step whose element the first of its locators did not find: self-healing is a
 * later locator finding it. A step whose first locator worked, or that has no element, has none.
 */
public enum Healing {
  /** A later locator found the element, and the step went on. */
  HEALED,
  /** The element had other locators, and none of them found it either. */
  NOT_HEALED,
  /** The element had no other locator to try. */
  NO_ALTERNATIVE
}
