package org.rpa.core.store;

import org.rpa.core.job.JobStatus;
import org.rpa.core.job.JobTransitions;

/**
 * The status pair a batch statement writes to every row it changes, where the statement itself
 * fixes the pair (its {@code WHERE} selects the from-status and its {@code SET} writes the
 * to-status) and no {@link Transition} goes through {@link TransitionWrites}: claims, submit-time
 * hand-offs and promotions. The pair is checked against {@link JobTransitions} when it is made, and
 * the statements take their status literals from it, so a statement cannot write a pair the table
 * refuses: it fails when its class loads.
 */
record StatementMove(JobStatus from, JobStatus to) {
  /** A claim of a QUEUED job, by a claim or by a submit-time hand-off. */
  static final StatementMove CLAIM = new StatementMove(JobStatus.QUEUED, JobStatus.CLAIMED);

  /** A SCHEDULED job whose run_at has come. */
  static final StatementMove PROMOTE = new StatementMove(JobStatus.SCHEDULED, JobStatus.QUEUED);

  /**
   * @throws org.rpa.core.job.IllegalJobTransitionException if the table forbids the pair
   */
  StatementMove {
    JobTransitions.check(0, from, to);
  }

  /** The from-status as an SQL literal, such as {@code 'QUEUED'}. */
  String fromLiteral() {
    return "'" + from.name() + "'";
  }

  /** The to-status as an SQL literal, such as {@code 'CLAIMED'}. */
  String toLiteral() {
    return "'" + to.name() + "'";
  }
}
