package org.rpa.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobNotEditableException;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.JobUpdate;

/** A job's priority, run_at and parameters change only while it waits. */
class JobEditTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private ManualOrchestrator rpa;

  @AfterEach
  void close() {
    if (rpa != null) {
      rpa.close();
    }
  }

  @Test
  void
      a_priority_change_of_a_job_an_executor_holds_is_refused_naming_its_status_not_a_transition() {
    AtomicReference<Throwable> refused = new AtomicReference<>();
    AtomicReference<JobId> running = new AtomicReference<>();
    rpa =
        ManualOrchestrator.builder()
            .database(H2.memory())
            .clock(clock)
            .handler(
                "demo",
                "edit",
                ctx -> {
                  try {
                    rpa.jobs().update(running.get(), JobUpdate.none().priority(5));
                  } catch (RuntimeException e) {
                    refused.set(e);
                  }
                  return JobResult.success(ctx.params());
                })
            .build();
    running.set(rpa.jobs().submit(JobRequest.of("demo", "edit")));

    rpa.tick();

    // An executor holds it (CLAIMED, or RUNNING once its start is written): the message says so,
    // not "cannot go from CLAIMED to QUEUED", which the caller never asked for.
    assertThat(refused.get()).isInstanceOf(JobNotEditableException.class);
    JobStatus status = ((JobNotEditableException) refused.get()).status();
    assertThat(status).isIn(JobStatus.CLAIMED, JobStatus.RUNNING);
    assertThat(refused.get())
        .hasMessage(
            "Job "
                + running.get()
                + " is "
                + status
                + ": its priority, run_at and parameters change only while it is"
                + " SCHEDULED or QUEUED");
    assertThat(rpa.jobs().get(running.get()).priority()).isZero();
  }

  @Test
  void a_finished_job_cannot_be_edited_either() {
    rpa =
        ManualOrchestrator.builder()
            .database(H2.memory())
            .clock(clock)
            .handler("demo", "echo", ctx -> JobResult.success(ctx.params()))
            .build();
    JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo"));
    rpa.tick();

    assertThatThrownBy(() -> rpa.jobs().update(id, JobUpdate.none().priority(5)))
        .isInstanceOf(JobNotEditableException.class)
        .satisfies(
            e -> assertThat(((JobNotEditableException) e).status()).isEqualTo(JobStatus.COMPLETED));
  }
}
