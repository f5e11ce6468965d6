package org.rpa.server.privacy;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rpa.automation.evidence.Evidence;

/**
 * Where a text names one data subject: as a whole value, never as a part of another identifier.
 *
 * <p>The subject matches exactly, case included: {@code MFN-1000} is not {@code mfn-1000}, as two
 * references that differ only by case may belong to two customers. A value that equals the subject
 * matches; so does the subject inside a longer text (an error message, a step's name) when it
 * stands there whole: not touching a letter or digit, nor a joining character ({@code ._@+/:%-})
 * that continues into one. So {@code MFN-1000} is in {@code "No service found for MFN-1000."} but
 * not in {@code MFN-100015}, and {@code OSN-} is not in {@code OSN-2}. Thread-safe.
 */
final class SubjectMatch {
  private static final String LETTER_OR_DIGIT = "[A-Za-z0-9]";
  private static final String JOINER = "[._@+/:%-]";

  private final String subject;
  private final Pattern whole;
  private final boolean screenshotNames;

  private SubjectMatch(String subject, boolean screenshotNames) {
    this.subject = subject;
    this.screenshotNames = screenshotNames;
    this.whole =
        Pattern.compile(
            "(?<!"
                + LETTER_OR_DIGIT
                + ")(?<!"
                + LETTER_OR_DIGIT
                + JOINER
                + ")"
                + Pattern.quote(subject)
                + "(?!"
                + LETTER_OR_DIGIT
                + ")(?!"
                + JOINER
                + LETTER_OR_DIGIT
                + ")");
  }

  /** The match for a subject as {@link SubjectData#SUBJECT} allows it, surrounding spaces aside. */
  static SubjectMatch of(String subject) {
    if (subject == null || !SubjectData.SUBJECT.matcher(subject.trim()).matches()) {
      throw new IllegalArgumentException("subject must match " + SubjectData.SUBJECT.pattern());
    }
    return new SubjectMatch(subject.trim(), false);
  }

  /**
   * This match, and also the names of screenshots made from steps that named the subject ({@link
   * Evidence#namedAfter}), which spell it in lower case: for erasing a job already found to be
   * about the subject, never for finding one.
   */
  SubjectMatch withScreenshotNames() {
    return new SubjectMatch(subject, true);
  }

  String subject() {
    return subject;
  }

  /** True if {@code identifier} (a reference, an idempotency key) is the subject itself. */
  boolean is(String identifier) {
    return subject.equals(identifier);
  }

  /** True if {@code text} names the subject whole somewhere. */
  boolean in(String text) {
    return text != null && whole.matcher(text).find();
  }

  /** True if {@code value} is a screenshot's name to erase with the subject. */
  boolean isScreenshotName(String value) {
    return screenshotNames && value != null && Evidence.namedAfter(value, subject);
  }

  /** True if {@code text} may hold a screenshot's name to erase: a cheap first test. */
  boolean mayHoldScreenshotName(String text) {
    return screenshotNames && text != null && text.contains(".png");
  }

  /** {@code text} with each whole mention of the subject replaced by {@code replacement}. */
  String replace(String text, String replacement) {
    return whole
        .matcher(Objects.requireNonNull(text))
        .replaceAll(Matcher.quoteReplacement(replacement));
  }
}
