package org.rpa.core.testing;

import org.assertj.core.api.AbstractAssert;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobStatus;

/** AssertJ assertions on a {@link Job}: {@code JobAssert.assertThat(job).hasStatus(COMPLETED)}. */
public final class JobAssert extends AbstractAssert<JobAssert, Job> {
  private JobAssert(Job actual) {
    super(actual, JobAssert.class);
  }

  public static JobAssert assertThat(Job job) {
    return new JobAssert(job);
  }

  public JobAssert hasStatus(JobStatus status) {
    isNotNull();
    if (actual.status() != status) {
      failWithMessage(
          "Expected job %s to be %s but was %s (attempts %d, error %s)",
          actual.id(), status, actual.status(), actual.attempts(), actual.error());
    }
    return this;
  }

  public JobAssert hasAttempts(int attempts) {
    isNotNull();
    if (actual.attempts() != attempts) {
      failWithMessage(
          "Expected job %s to have %d attempts but had %d",
          actual.id(), attempts, actual.attempts());
    }
    return this;
  }

  public JobAssert hasErrorType(String type) {
    isNotNull();
    if (actual.error() == null || !actual.error().type().equals(type)) {
      failWithMessage(
          "Expected job %s to have error type %s but had %s", actual.id(), type, actual.error());
    }
    return this;
  }
}
