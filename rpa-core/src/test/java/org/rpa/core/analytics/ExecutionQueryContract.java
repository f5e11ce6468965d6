package org.rpa.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rpa.core.analytics.AnalyticsFixture.instant;
import static org.rpa.core.job.ExecutionStatus.FAILED;
import static org.rpa.core.job.ExecutionStatus.RUNNING;
import static org.rpa.core.job.ExecutionStatus.SUCCESS;
import static org.rpa.core.job.ExecutionStatus.TIMEOUT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.job.Page;

/** The execution list over the history: order, filters, offsets, totals and cursors. */
interface ExecutionQueryContract extends AnalyticsFixture {
  ExecutionFilter ALL = ExecutionFilter.all();
  List<String> NEWEST_FIRST =
      List.of(
          "j15.1 RUNNING",
          "j6.1 FAILED",
          "j10.1 SUCCESS",
          "j9.1 SUCCESS",
          "j8.1 CANCELLED",
          "j7.3 FAILED",
          "j7.2 FAILED",
          "j7.1 FAILED",
          "j6.1 SUCCESS",
          "j5.2 SUCCESS",
          "j5.1 TIMEOUT",
          "j4.2 SUCCESS",
          "j4.1 FAILED",
          "j3.1 FAILED",
          "j2.1 SUCCESS",
          "j1.1 SUCCESS");

  /** The labels of the first page of the filter's executions. */
  default List<String> labels(ExecutionFilter filter) {
    return labels(ExecutionQuery.of(filter));
  }

  /** Every page of the query, following its cursors. */
  default List<List<String>> pages(ExecutionQuery query) {
    var pages = new ArrayList<List<String>>();
    Page<ExecutionEntry> page = analytics().executions(query);
    pages.add(page.items().stream().map(this::label).toList());
    while (page.hasMore()) {
      page = analytics().executions(query.after(page.nextCursor()));
      pages.add(page.items().stream().map(this::label).toList());
    }
    return pages;
  }

  @Test
  default void executions_across_jobs_come_newest_first_and_a_cursor_continues_each_page() {
    assertThat(pages(ExecutionQuery.of(ALL).limit(6)))
        .containsExactly(
            NEWEST_FIRST.subList(0, 6), NEWEST_FIRST.subList(6, 12), NEWEST_FIRST.subList(12, 16));
    assertThat(labels(ALL)).isEqualTo(NEWEST_FIRST);
    assertThat(analytics().countExecutions(ALL)).isEqualTo(16);
  }

  @Test
  default void an_offset_skips_executions_and_says_whether_more_follow() {
    var query = ExecutionQuery.of(ALL).offset(3).limit(2);
    assertThat(labels(query)).containsExactly("j9.1 SUCCESS", "j8.1 CANCELLED");
    assertThat(analytics().executions(query).hasMore()).isTrue();
    var last = ExecutionQuery.of(ALL).offset(14).limit(5);
    assertThat(labels(last)).containsExactly("j2.1 SUCCESS", "j1.1 SUCCESS");
    assertThat(analytics().executions(last).hasMore()).isFalse();
    assertThat(labels(ExecutionQuery.of(ALL).offset(16))).isEmpty();
  }

  @Test
  default void a_status_filter_selects_those_statuses() {
    assertThat(labels(ALL.status(FAILED)))
        .containsExactly(
            "j6.1 FAILED",
            "j7.3 FAILED",
            "j7.2 FAILED",
            "j7.1 FAILED",
            "j4.1 FAILED",
            "j3.1 FAILED");
    assertThat(analytics().countExecutions(ALL.status(FAILED))).isEqualTo(6);
    assertThat(analytics().countExecutions(ALL.status(FAILED, TIMEOUT))).isEqualTo(7);
    assertThat(labels(ALL.status(RUNNING))).containsExactly("j15.1 RUNNING");
    assertThat(pages(ExecutionQuery.of(ALL.status(SUCCESS)).limit(3)))
        .containsExactly(
            List.of("j10.1 SUCCESS", "j9.1 SUCCESS", "j6.1 SUCCESS"),
            List.of("j5.2 SUCCESS", "j4.2 SUCCESS", "j2.1 SUCCESS"),
            List.of("j1.1 SUCCESS"));
  }

  @Test
  default void job_type_executor_and_start_filters_combine() {
    var cancellations = ALL.jobType(History.CANCELLATION);
    assertThat(labels(cancellations))
        .containsExactly(
            "j15.1 RUNNING",
            "j10.1 SUCCESS",
            "j8.1 CANCELLED",
            "j5.2 SUCCESS",
            "j5.1 TIMEOUT",
            "j4.2 SUCCESS",
            "j4.1 FAILED");
    assertThat(analytics().countExecutions(cancellations)).isEqualTo(7);
    assertThat(labels(ALL.executor("exec-b"))).containsExactly("j6.1 SUCCESS", "j4.2 SUCCESS");
    var tenOClock = ALL.startedBetween(instant("10:00:00"), instant("11:00:00"));
    assertThat(labels(tenOClock))
        .containsExactly(
            "j8.1 CANCELLED", "j7.3 FAILED", "j7.2 FAILED", "j7.1 FAILED", "j6.1 SUCCESS");
    assertThat(analytics().countExecutions(tenOClock)).isEqualTo(5);
    assertThat(analytics().countExecutions(ALL.startedBetween(instant("10:15:05"), null)))
        .isEqualTo(7);
    var failedValidationsOnA = ALL.jobType(History.VALIDATION).status(FAILED).executor("exec-a");
    assertThat(labels(failedValidationsOnA))
        .containsExactly("j7.3 FAILED", "j7.2 FAILED", "j7.1 FAILED", "j3.1 FAILED");
    assertThat(analytics().countExecutions(failedValidationsOnA)).isEqualTo(4);
  }

  @Test
  default void one_jobs_executions_come_newest_first_by_occurrence_and_attempt() {
    var j7 = ExecutionFilter.ofJob(history().job("j7"));
    assertThat(labels(j7)).containsExactly("j7.3 FAILED", "j7.2 FAILED", "j7.1 FAILED");
    assertThat(pages(ExecutionQuery.of(j7).limit(2)))
        .containsExactly(List.of("j7.3 FAILED", "j7.2 FAILED"), List.of("j7.1 FAILED"));
    assertThat(labels(ExecutionQuery.of(j7).offset(1).limit(1))).containsExactly("j7.2 FAILED");
    assertThat(analytics().countExecutions(j7)).isEqualTo(3);
    var j6 = ExecutionQuery.of(ExecutionFilter.ofJob(history().job("j6"))).limit(1);
    assertThat(pages(j6)).containsExactly(List.of("j6.1 FAILED"), List.of("j6.1 SUCCESS"));
    var j5 = ExecutionFilter.ofJob(history().job("j5")).status(TIMEOUT);
    assertThat(labels(j5)).containsExactly("j5.1 TIMEOUT");
    assertThat(analytics().countExecutions(j5)).isEqualTo(1);
  }

  @Test
  default void each_entry_carries_its_job_type_and_reference_and_the_execution_as_recorded() {
    var onB = analytics().executions(ExecutionQuery.of(ALL.executor("exec-b"))).items();
    assertThat(onB.get(0).jobType()).isEqualTo(History.REPORT);
    assertThat(onB.get(0).reference()).isNull();
    var j9 = analytics().executions(ExecutionQuery.of(ExecutionFilter.ofJob(history().job("j9"))));
    assertThat(j9.items()).singleElement().extracting(ExecutionEntry::reference).isEqualTo("R-9");
    var report = onB.get(0).execution();
    assertThat(report.duration()).isEqualTo(Duration.ofMillis(4000));
    assertThat(report.startedAt()).isEqualTo(instant("10:00:00"));
    assertThat(report.finishedAt()).isEqualTo(instant("10:00:04"));
    assertThat(report.isRetry()).isFalse();
    assertThat(onB.get(1).execution().isRetry()).isTrue();
    var timeout = analytics().executions(ExecutionQuery.of(ALL.status(TIMEOUT))).items().get(0);
    assertThat(timeout.execution().error().type()).isEqualTo("Timeout");
    assertThat(timeout.execution().duration()).isEqualTo(Duration.ofMillis(31_000));
    var onC = analytics().executions(ExecutionQuery.of(ALL.executor("worker-c"))).items();
    assertThat(onC.get(1).execution().duration()).isNull();
    assertThat(onC.get(1).execution().error().type()).isEqualTo("Cancelled");
  }

  @Test
  default void bad_arguments_are_refused_naming_the_field() {
    refused("limit", () -> ExecutionQuery.of(ALL).limit(0));
    refused("limit", () -> ExecutionQuery.of(ALL).limit(ExecutionQuery.MAX_LIMIT + 1));
    refused("offset", () -> ExecutionQuery.of(ALL).offset(-1));
    refused("cursor", () -> ExecutionQuery.of(ALL).after("not-a-cursor"));
    refused("status", () -> ExecutionFilter.parseStatus("DONE"));
    refused("job_type", () -> ALL.jobType("validation"));
    refused("started_to", () -> ALL.startedBetween(instant("11:00:00"), instant("10:00:00")));
    String cursor = analytics().executions(ExecutionQuery.of(ALL).limit(1)).nextCursor();
    refused("offset", () -> ExecutionQuery.of(ALL).after(cursor).offset(5));
    assertThat(ExecutionFilter.parseStatus("timeout")).isEqualTo(TIMEOUT);
  }

  private static void refused(String field, Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
