package org.rpa.core.analytics;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.JobId;

/**
 * Which executions an {@link ExecutionQuery} lists and {@link Analytics#countExecutions} counts.
 * Immutable; each method returns a changed copy.
 *
 * @param job only this job's executions; null means every job
 * @param statuses empty means any status
 * @param jobType {@code provider.action}; null means any
 * @param executor null means any
 * @param startedFrom inclusive; null means unbounded
 * @param startedTo exclusive; null means unbounded
 * @throws InvalidRequestException naming {@code job_type} when it is not {@code provider.action},
 *     or {@code started_to} when it is not after {@code started_from}
 */
public record ExecutionFilter(
    JobId job,
    Set<ExecutionStatus> statuses,
    String jobType,
    String executor,
    Instant startedFrom,
    Instant startedTo) {

  public ExecutionFilter {
    statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    if (jobType != null && !jobType.matches("[^.]+\\..+")) {
      throw new InvalidRequestException("job_type", jobType, "must be provider.action");
    }
    if (startedFrom != null && startedTo != null && !startedTo.isAfter(startedFrom)) {
      throw new InvalidRequestException("started_to", startedTo, "must be after started_from");
    }
  }

  /** Every execution of every job. */
  public static ExecutionFilter all() {
    return new ExecutionFilter(null, Set.of(), null, null, null, null);
  }

  /** The executions of one job. */
  public static ExecutionFilter ofJob(JobId job) {
    return all().job(Objects.requireNonNull(job, "job"));
  }

  public ExecutionFilter job(JobId job) {
    return new ExecutionFilter(job, statuses, jobType, executor, startedFrom, startedTo);
  }

  public ExecutionFilter status(ExecutionStatus... statuses) {
    return statuses(statuses.length == 0 ? Set.of() : EnumSet.of(statuses[0], statuses));
  }

  public ExecutionFilter statuses(Set<ExecutionStatus> statuses) {
    return new ExecutionFilter(job, statuses, jobType, executor, startedFrom, startedTo);
  }

  public ExecutionFilter jobType(String jobType) {
    return new ExecutionFilter(job, statuses, jobType, executor, startedFrom, startedTo);
  }

  public ExecutionFilter executor(String executor) {
    return new ExecutionFilter(job, statuses, jobType, executor, startedFrom, startedTo);
  }

  /** Only executions that started in [{@code from}, {@code to}); either may be null. */
  public ExecutionFilter startedBetween(Instant from, Instant to) {
    return new ExecutionFilter(job, statuses, jobType, executor, from, to);
  }

  /**
   * An execution status by name, in any case.
   *
   * @throws InvalidRequestException naming {@code status} when no status has that name
   */
  public static ExecutionStatus parseStatus(String name) {
    try {
      return ExecutionStatus.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidRequestException(
          "status", name, "must be one of " + EnumSet.allOf(ExecutionStatus.class));
    }
  }
}
