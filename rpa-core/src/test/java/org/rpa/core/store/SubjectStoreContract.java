package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.Step;
import org.rpa.core.job.StepOutcome;
import org.rpa.core.store.SubjectStore.HistoryText;
import org.rpa.core.store.SubjectStore.JobErasure;
import org.rpa.core.store.SubjectStore.JobTexts;
import org.rpa.core.store.SubjectStore.Place;

/** The {@link SubjectStore} part of the store contract. */
interface SubjectStoreContract extends OutboxContract {

  private static Step step(String name, Map<String, Object> details) {
    return new Step(1, name, StepOutcome.PASSED, null, Duration.ofMillis(5), NOW, details);
  }

  @Test
  default void
      the_sieve_finds_a_text_in_a_jobs_row_or_its_history_with_wildcards_taken_literally() {
    JobId inParams =
        finishedJob(JobRequest.of("mfn", "validation").param("circuit", "MFN-1"), List.of());
    JobId inStep =
        finishedJob(JobRequest.of("mfn", "validation"), List.of(step("search A%B_C1", Map.of())));
    JobId lookalike =
        finishedJob(JobRequest.of("mfn", "validation").param("circuit", "AxxBZC1"), List.of());
    JobId byReference = insert(JobRequest.of("osn", "cancellation").reference("MFN-1"));

    assertThat(store().subjects().candidates("MFN-1"))
        .extracting(JobTexts::id)
        .containsExactly(inParams, byReference);
    assertThat(store().subjects().candidates("A%B_C1"))
        .extracting(JobTexts::id)
        .containsExactly(inStep)
        .doesNotContain(lookalike);
    assertThat(JdbcSubjectStore.like("A%B_C1")).isEqualTo("%A!%B!_C1%");
    JobTexts texts = store().subjects().candidates("MFN-1").get(1);
    assertThat(texts.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(texts.reference()).isEqualTo("MFN-1");
  }

  @Test
  default void the_history_holds_the_texts_of_a_jobs_executions_steps_and_log() {
    JobId id =
        finishedJob(
            JobRequest.of("mfn", "validation"),
            List.of(step("open MFN-1", Map.of("circuit", "MFN-1"))));

    List<HistoryText> history = store().subjects().history(id);

    assertThat(history).extracting(HistoryText::job).containsOnly(id);
    assertThat(history)
        .filteredOn(text -> text.place() == Place.STEP_NAME)
        .extracting(HistoryText::text)
        .containsExactly("open MFN-1");
    assertThat(history)
        .filteredOn(text -> text.place() == Place.STEP_DETAILS)
        .extracting(HistoryText::text)
        .containsExactly("{\"circuit\":\"MFN-1\"}");
    assertThat(history)
        .filteredOn(text -> text.place() == Place.EXECUTION_RESULT)
        .extracting(HistoryText::text)
        .containsExactly("{\"ok\":true}");
    assertThat(history).filteredOn(text -> text.place() == Place.LOG_REASON).hasSize(3);
  }

  @Test
  default void an_erasure_writes_finished_jobs_with_their_history_and_frees_cleared_keys() {
    JobId done =
        finishedJob(
            JobRequest.of("mfn", "validation")
                .reference("MFN-1")
                .idempotencyKey("MFN-1")
                .param("circuit", "MFN-1"),
            List.of(step("open MFN-1", Map.of())));
    JobId open = insert(JobRequest.of("mfn", "validation").reference("MFN-2"));
    HistoryText stepName =
        store().subjects().history(done).stream()
            .filter(text -> text.place() == Place.STEP_NAME)
            .findFirst()
            .orElseThrow();

    List<JobId> written =
        store()
            .subjects()
            .erase(
                List.of(
                    new JobErasure(
                        done,
                        "{\"circuit\":\"[erased]\"}",
                        null,
                        "e".repeat(5000),
                        null,
                        null,
                        List.of(stepName.withText("open [erased]"))),
                    new JobErasure(open, "{}", null, null, null, null, List.of())));

    assertThat(written).containsExactly(done);
    Job erased = store().find(done).orElseThrow();
    assertThat(erased.params()).containsEntry("circuit", "[erased]");
    assertThat(erased.reference()).isNull();
    assertThat(erased.idempotencyKey()).isNull();
    assertThat(store().subjects().candidates("eeee"))
        .singleElement()
        .satisfies(texts -> assertThat(texts.error()).hasSize(4000));
    assertThat(store().steps(done, erased.occurrence(), 1))
        .extracting(Step::name)
        .containsExactly("open [erased]");
    assertThat(store().find(open).orElseThrow().reference()).isEqualTo("MFN-2");
    // The erased job's keys are free again; the unfinished job keeps its own.
    assertThat(insert(JobRequest.of("mfn", "validation").reference("MFN-1"))).isNotEqualTo(done);
    assertThat(insert(JobRequest.of("mfn", "validation").reference("MFN-2"))).isEqualTo(open);
  }
}
