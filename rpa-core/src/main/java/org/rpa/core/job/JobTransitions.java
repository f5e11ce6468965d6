package org.rpa.core.job;

import static org.rpa.core.job.JobStatus.CANCELLED;
import static org.rpa.core.job.JobStatus.CLAIMED;
import static org.rpa.core.job.JobStatus.COMPLETED;
import static org.rpa.core.job.JobStatus.FAILED;
import static org.rpa.core.job.JobStatus.QUEUED;
import static org.rpa.core.job.JobStatus.RUNNING;
import static org.rpa.core.job.JobStatus.SCHEDULED;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The table of legal status changes. Every path of the store that writes a job's status checks its
 * pair against it before writing (a transition, an edit of a waiting job, and once for each batch
 * statement whose pair its text fixes: claims, hand-offs, promotions); any other pair throws {@link
 * IllegalJobTransitionException}.
 *
 * <pre>
 * SCHEDULED → QUEUED (due) | FAILED (deadline passed) | CANCELLED
 * QUEUED    → CLAIMED | SCHEDULED (run_at moved to the future) | FAILED (deadline) | CANCELLED
 * CLAIMED   → RUNNING | QUEUED (lease released or expired before start)
 *             | SCHEDULED (held back by its handler's {@link JobGate}) | FAILED (deadline) | CANCELLED
 * RUNNING   → COMPLETED | FAILED | SCHEDULED (retry with backoff, or next occurrence)
 *             | QUEUED (retry due at once) | CANCELLED
 * COMPLETED, FAILED, CANCELLED: final
 * </pre>
 */
public final class JobTransitions {
  private static final Map<JobStatus, Set<JobStatus>> LEGAL = table();

  private JobTransitions() {}

  private static Map<JobStatus, Set<JobStatus>> table() {
    var table = new EnumMap<JobStatus, Set<JobStatus>>(JobStatus.class);
    table.put(SCHEDULED, EnumSet.of(QUEUED, FAILED, CANCELLED));
    table.put(QUEUED, EnumSet.of(CLAIMED, SCHEDULED, FAILED, CANCELLED));
    table.put(CLAIMED, EnumSet.of(RUNNING, QUEUED, SCHEDULED, FAILED, CANCELLED));
    table.put(RUNNING, EnumSet.of(COMPLETED, FAILED, SCHEDULED, QUEUED, CANCELLED));
    table.put(COMPLETED, EnumSet.noneOf(JobStatus.class));
    table.put(FAILED, EnumSet.noneOf(JobStatus.class));
    table.put(CANCELLED, EnumSet.noneOf(JobStatus.class));
    table.replaceAll((from, to) -> Collections.unmodifiableSet(to));
    return Collections.unmodifiableMap(table);
  }

  /** True if a job may go from {@code from} to {@code to}. */
  public static boolean isLegal(JobStatus from, JobStatus to) {
    return LEGAL.get(from).contains(to);
  }

  /** The statuses a job in {@code from} may move to. */
  public static Set<JobStatus> targets(JobStatus from) {
    return LEGAL.get(from);
  }

  /**
   * Checks one move.
   *
   * @param jobId the job, or 0 when not known yet
   * @throws IllegalJobTransitionException if the move is not in the table
   */
  public static void check(long jobId, JobStatus from, JobStatus to) {
    if (!isLegal(from, to)) {
      throw new IllegalJobTransitionException(jobId, from, to);
    }
  }
}
