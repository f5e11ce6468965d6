package org.rpa.core.job;

import java.util.regex.Pattern;
import org.rpa.core.InvalidRequestException;

/** A job's id: a positive integer, assigned by the store when the job is submitted. */
public record JobId(long value) implements Comparable<JobId> {
  private static final Pattern CANONICAL = Pattern.compile("[1-9][0-9]{0,18}");
  private static final String RULE =
      "must be a positive whole number of 1 to 19 ASCII digits with no sign or leading zero";

  public JobId {
    if (value <= 0) {
      throw new InvalidRequestException("job_id", value, "must be a positive integer");
    }
  }

  public static JobId of(long value) {
    return new JobId(value);
  }

  /**
   * Parses a job id from text, as it arrives in a URL: 1 to 19 ASCII digits with no sign, no
   * leading zero and no surrounding space, that fit in a {@code long}. Anything else ({@code +1},
   * {@code 01}, {@code " 1"}, fullwidth or Arabic-Indic digits) is refused, so one job has exactly
   * one spelling.
   *
   * @throws InvalidRequestException naming {@code job_id} when the text is not such an id
   */
  public static JobId parse(String text) {
    if (text == null || !CANONICAL.matcher(text).matches()) {
      throw new InvalidRequestException("job_id", text, RULE);
    }
    try {
      return new JobId(Long.parseLong(text));
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("job_id", text, RULE);
    }
  }

  @Override
  public int compareTo(JobId other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
