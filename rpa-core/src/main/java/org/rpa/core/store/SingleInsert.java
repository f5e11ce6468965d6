package org.rpa.core.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobKind;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.Submission;

/**
 * One submitted job without dedupe keys, written by one statement in autocommit, so the submit is
 * one statement and one commit, durable when it returns. On PostgreSQL a data-modifying {@code
 * WITH} inserts the job and, when it is handed to an idle thread, its claim's log row, and wakes
 * the other instances with {@code pg_notify} when it waits in the queue: what {@link Inserts}
 * writes in a transaction of up to four round trips (insert, log rows, {@code NOTIFY}, {@code
 * COMMIT}). On H2 the log row's insert reads the job's id from the job's insert nested in it
 * ({@code FINAL TABLE}). A single statement is atomic, so nothing is written unless all of it is. A
 * job with a reference or an idempotency key takes the transaction, which looks for the earlier job
 * first, and so does a recurring job, which the store's count of recurring jobs takes in ({@link
 * JobCounters}).
 */
final class SingleInsert {
  private SingleInsert() {}

  static boolean applies(List<NewJob> jobs) {
    return jobs.size() == 1
        && jobs.get(0).request().reference() == null
        && jobs.get(0).request().idempotencyKey() == null
        && jobs.get(0).request().kind() == JobKind.ONE_TIME;
  }

  /** Runs on a handle in autocommit mode. */
  static JobStore.Inserted insert(
      Handle handle, SqlDialect dialect, NewJob job, Instant now, Inserts.HandOff handOff) {
    boolean handedOff = Inserts.handOff(List.of(job), handOff, now)[0];
    long id;
    if (dialect == SqlDialect.H2) {
      try (RowBatch statement = RowBatch.of(handle, "submit", handedOff ? HANDED_OFF_H2 : JOB_H2)) {
        if (handedOff) {
          statement.set(now).set(handOff.owner());
        }
        Inserts.bindJob(statement, job, handedOff, handOff.owner(), now);
        id = statement.queryForLong();
      }
    } else {
      boolean notify = !handedOff && job.status() == JobStatus.QUEUED;
      try (RowBatch statement =
          RowBatch.of(handle, "submit", handedOff ? HANDED_OFF : notify ? QUEUED : WAITING)) {
        Inserts.bindJob(statement, job, handedOff, handOff.owner(), now);
        if (handedOff) {
          statement.set(now).set(handOff.owner());
        }
        id = statement.queryForLong();
      }
    }
    var submissions = List.of(new Submission(JobId.of(id), true));
    if (!handedOff) {
      return new JobStore.Inserted(submissions, JobStore.Claim.EMPTY);
    }
    ClaimedJob claim = Inserts.claimedAtInsert(job, id, handOff.owner());
    return new JobStore.Inserted(
        submissions, new JobStore.Claim(List.of(claim), List.of(Transition.claim(claim, now))));
  }

  /** The from- and to-status of a hand-off's log row. */
  private static final String CLAIM_PAIR =
      StatementMove.CLAIM.fromLiteral() + ", " + StatementMove.CLAIM.toLiteral();

  private static final String INSERT_JOB =
      "WITH j AS (INSERT INTO jobs ("
          + Inserts.JOB_COLUMNS
          + ") VALUES "
          + Inserts.JOB_VALUES
          + " RETURNING id)";

  /**
   * With the log row of {@link Transition#claim}: attempt 1, {@link StatementMove#CLAIM}, by the
   * owner.
   */
  private static final String HANDED_OFF =
      INSERT_JOB
          + ", l AS (INSERT INTO job_log (job_id, attempt, from_status, to_status, at, executor,"
          + " reason) SELECT id, 1, "
          + CLAIM_PAIR
          + ", CAST(? AS TIMESTAMPTZ),"
          + " CAST(? AS VARCHAR), NULL FROM j) SELECT id FROM j";

  private static final String QUEUED =
      INSERT_JOB
          + " SELECT id FROM j, LATERAL (SELECT pg_notify('"
          + PgNotifications.CHANNEL
          + "', '')) n";

  private static final String WAITING = INSERT_JOB + " SELECT id FROM j";

  private static final String INSERT_JOB_H2 =
      "INSERT INTO jobs (" + Inserts.JOB_COLUMNS + ") VALUES " + Inserts.JOB_VALUES;

  private static final String JOB_H2 = "SELECT id FROM FINAL TABLE (" + INSERT_JOB_H2 + ")";

  /**
   * H2's {@link #HANDED_OFF}. Its parameters are numbered in the order of the text: the log row's
   * instant and executor come before the job's values.
   */
  private static final String HANDED_OFF_H2 =
      "SELECT job_id FROM FINAL TABLE (INSERT INTO job_log (job_id, attempt, from_status, to_status,"
          + " at, executor, reason) SELECT id, 1, "
          + CLAIM_PAIR
          + ","
          + " CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR(128)), NULL"
          + " FROM FINAL TABLE ("
          + INSERT_JOB_H2
          + "))";
}
