package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpa.core.job.IllegalJobTransitionException;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.JobTransitions;
import org.rpa.core.job.JobUpdate;
import org.rpa.core.testing.H2;

/**
 * Every path that writes {@code jobs.status} checks its pair against {@link JobTransitions}. The
 * paths that write a {@link Transition} (the store's apply, a claim's expiries) and the edits of
 * waiting jobs are fed an illegal pair at their write path; the batch statements whose pair is
 * fixed by their text (claims, hand-offs, promotions) take their statuses from a {@link
 * StatementMove}, which cannot be made of a pair the table refuses, and write exactly its pair. An
 * insert writes a first status, no pair: QUEUED or SCHEDULED only.
 */
class StatusWritesCheckedTest implements JobStoreFixture {
  private JdbcJobStore store;
  private Jdbi jdbi;

  @BeforeEach
  void open() {
    var pool = Databases.pool(H2.memory(), 4);
    Migrations.migrate(pool);
    store = new JdbcJobStore(pool, pool);
    jdbi = Jdbi.create(pool);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Override
  public JobStore store() {
    return store;
  }

  @Test
  void the_write_path_of_every_transition_refuses_a_pair_the_table_forbids_and_writes_nothing() {
    JobId id = insert(JobRequest.of("mfn", "validation"));
    var illegal = Transition.runAtChanged(store.find(id).orElseThrow(), JobStatus.RUNNING, NOW);

    assertThatThrownBy(
            () ->
                jdbi.inTransaction(h -> TransitionWrites.apply(h, SqlDialect.H2, List.of(illegal))))
        .isInstanceOf(IllegalJobTransitionException.class)
        .hasMessageContaining("QUEUED to RUNNING");
    assertThat(store.find(id).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    assertThat(logOf(id)).isEmpty();
  }

  @Test
  void an_edit_of_a_waiting_job_refuses_a_pair_the_table_forbids_in_its_write_path() {
    JobId id = insert(JobRequest.of("mfn", "validation"));
    var update = new JobUpdate(9, null, null);

    assertThatThrownBy(
            () ->
                jdbi.inTransaction(
                    h ->
                        WaitingJobs.modify(
                            h, id, JobStatus.QUEUED, update, JobStatus.COMPLETED, NOW)))
        .isInstanceOf(IllegalJobTransitionException.class)
        .hasMessageContaining("QUEUED to COMPLETED");
    assertThat(store.find(id).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    assertThat(store.find(id).orElseThrow().priority()).isNotEqualTo(9);
    assertThat(logOf(id)).isEmpty();
  }

  @Test
  void an_edit_that_moves_a_job_logs_the_move_through_the_one_log_writer() {
    JobId id = insert(JobRequest.of("mfn", "validation"));
    var update = new JobUpdate(null, NOW.plusSeconds(60), null);

    assertThat(store.modify(id, JobStatus.QUEUED, update, JobStatus.SCHEDULED, NOW)).isTrue();

    assertThat(logRowsOf(id)).containsExactly("0|QUEUED|SCHEDULED|" + NOW + "|null|run_at changed");
  }

  @ParameterizedTest
  @EnumSource(
      value = JobStatus.class,
      names = {"QUEUED", "SCHEDULED"},
      mode = EnumSource.Mode.EXCLUDE)
  void a_job_is_created_in_no_status_but_queued_or_scheduled(JobStatus status) {
    var request = JobRequest.of("mfn", "validation");

    assertThatThrownBy(() -> new NewJob(request, status, NOW, 3, Duration.ofMinutes(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(status.name());
  }

  static Stream<Arguments> pairsTheTableRefuses() {
    var pairs = new ArrayList<Arguments>();
    for (JobStatus from : JobStatus.values()) {
      for (JobStatus to : JobStatus.values()) {
        if (!JobTransitions.isLegal(from, to)) {
          pairs.add(Arguments.of(from, to));
        }
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest
  @MethodSource("pairsTheTableRefuses")
  void a_statement_cannot_be_given_a_pair_the_table_refuses(JobStatus from, JobStatus to) {
    assertThatThrownBy(() -> new StatementMove(from, to))
        .isInstanceOf(IllegalJobTransitionException.class);
  }

  /** The batch statements whose pair is fixed, and the move each is checked as. */
  enum FixedPairPath {
    CLAIM(StatementMove.CLAIM),
    SINGLE_HAND_OFF(StatementMove.CLAIM),
    BATCH_HAND_OFF(StatementMove.CLAIM),
    PROMOTION(StatementMove.PROMOTE);

    final StatementMove move;

    FixedPairPath(StatementMove move) {
      this.move = move;
    }

    /** Runs the path once on one job; returns the job and the transitions it reports. */
    List<Transition> run(StatusWritesCheckedTest test, List<JobId> written) {
      var request = JobRequest.of("mfn", "validation");
      JobStore store = test.store();
      switch (this) {
        case CLAIM -> {
          written.add(test.insert(request));
          return store.claim("exec-1", TYPES, 1, NOW).transitions();
        }
        case SINGLE_HAND_OFF, BATCH_HAND_OFF -> {
          var jobs = this == SINGLE_HAND_OFF ? List.of(test.queued(request)) : batch(test);
          var inserted = store.insertAndClaim(jobs, NOW, "exec-1", TYPES, jobs.size());
          inserted.submissions().forEach(submission -> written.add(submission.id()));
          return inserted.claim().transitions();
        }
        default -> {
          var waiting =
              new NewJob(
                  request, JobStatus.SCHEDULED, NOW.minusSeconds(1), 3, Duration.ofMinutes(5));
          written.add(store.insert(List.of(waiting), NOW).get(0).id());
          return store.promoteDue(NOW, 10);
        }
      }
    }

    private static List<NewJob> batch(StatusWritesCheckedTest test) {
      return List.of(
          test.queued(JobRequest.of("mfn", "validation")),
          test.queued(JobRequest.of("mfn", "validation")));
    }
  }

  @ParameterizedTest
  @EnumSource(FixedPairPath.class)
  void each_statement_with_a_fixed_pair_writes_exactly_the_move_it_was_checked_as(
      FixedPairPath path) {
    var written = new ArrayList<JobId>();
    List<Transition> reported = path.run(this, written);

    String pair = path.move.from() + ">" + path.move.to();
    assertThat(reported)
        .isNotEmpty()
        .allSatisfy(t -> assertThat(t.from().status() + ">" + t.to().status()).isEqualTo(pair));
    for (JobId id : written) {
      assertThat(store.find(id).orElseThrow().status()).isEqualTo(path.move.to());
      assertThat(logOf(id)).containsExactly(pair);
    }
  }
}
