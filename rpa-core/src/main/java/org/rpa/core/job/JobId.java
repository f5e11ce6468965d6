package org.rpa.core.job;

import org.rpa.core.InvalidRequestException;

/** A job's id: a positive integer, assigned by the store when the job is submitted. */
public record JobId(long value) implements Comparable<JobId> {
  public JobId {
    if (value <= 0) {
      throw new InvalidRequestException("job_id", value, "must be a positive integer");
    }
  }

  public static JobId of(long value) {
    return new JobId(value);
  }

  /** Parses a job id from text, as it arrives in a URL. */
  public static JobId parse(String text) {
    try {
      return new JobId(Long.parseLong(text.trim()));
    } catch (NumberFormatException | NullPointerException e) {
      throw new InvalidRequestException("job_id", text, "must be a positive integer");
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
