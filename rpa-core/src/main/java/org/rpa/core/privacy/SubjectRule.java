package org.rpa.core.privacy;

/**
 * What names one data subject in a stored text: the caller's rule (rpa-server matches an identifier
 * as a whole value). Implementations are thread-safe.
 */
public interface SubjectRule {

  /**
   * A text contained in every stored text that names the subject, such as the subject itself: the
   * store looks for it first, and the rule decides among what it finds.
   */
  String sieve();

  /** True if {@code identifier} (a reference, an idempotency key) is the subject: it is cleared. */
  boolean is(String identifier);

  /**
   * {@code text} with every mention of the subject replaced; {@code text} itself, or an equal
   * string, when it names none. Null stays null.
   */
  String redact(String text);
}
