package org.rpa.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.rpa.automation.evidence.Screenshot;
import org.rpa.core.job.Execution;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobError;
import org.rpa.core.job.Step;
import org.rpa.server.Timestamps;

/** The wire shapes of jobs: what {@code /jobs} takes and renders. */
final class JobViews {
  private JobViews() {}

  /** {@code POST /jobs}, one job. */
  record JobCreate(
      String provider,
      String action,
      Map<String, Object> parameters,
      Integer priority,
      String runAt,
      String deadline,
      Integer maxAttempts,
      Integer timeoutSeconds,
      String reference,
      String idempotencyKey) {}

  /** {@code POST /jobs}, many jobs in one transaction. */
  record BatchCreate(List<JobCreate> jobs) {}

  /** {@code PATCH /jobs/{id}}. */
  record JobPatch(Integer priority, String runAt, Map<String, Object> parameters, String status) {}

  record ErrorView(String type, String message) {}

  record ExecutionView(
      long id,
      int occurrence,
      int attempt,
      String status,
      String executor,
      String startedAt,
      String finishedAt,
      Long durationMs,
      Map<String, Object> result,
      ErrorView error,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<StepView> steps) {}

  /** One recorded step of an execution (the node-by-node breakdown). */
  record StepView(
      int seq,
      String name,
      String outcome,
      String healing,
      long durationMs,
      String at,
      Map<String, Object> details) {}

  record JobView(
      long id,
      String provider,
      String action,
      String workflowId,
      String kind,
      String status,
      int priority,
      Map<String, Object> parameters,
      String runAt,
      String deadline,
      int attempts,
      int maxAttempts,
      Long timeoutSeconds,
      String reference,
      String idempotencyKey,
      String recurrence,
      String createdAt,
      String updatedAt,
      String startedAt,
      String finishedAt,
      Map<String, Object> result,
      ErrorView error,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<ExecutionView> executions) {}

  record JobList(List<JobView> jobs, int count, String nextCursor) {}

  record BatchBody(List<JobView> jobs, int created) {}

  record ScreenshotView(String name, long size, String takenAt, String contentType, String url) {}

  record ScreenshotList(long jobId, List<ScreenshotView> screenshots, int count) {}

  static ScreenshotView screenshot(org.rpa.core.job.JobId job, Screenshot shot) {
    return new ScreenshotView(
        shot.name(),
        shot.size(),
        time(shot.takenAt()),
        shot.contentType(),
        "/jobs/" + job.value() + "/screenshots/" + shot.name());
  }

  static JobView view(Job job, List<Execution> executions) {
    return view(job, executions, execution -> null);
  }

  /** The job with its executions, each with the steps {@code steps} finds for it. */
  static JobView view(Job job, List<Execution> executions, Function<Execution, List<Step>> steps) {
    return new JobView(
        job.id().value(),
        job.provider(),
        job.action(),
        job.type(),
        job.kind().name(),
        job.status().name(),
        job.priority(),
        job.params(),
        time(job.runAt()),
        time(job.deadline()),
        job.attempts(),
        job.maxAttempts(),
        seconds(job.timeout()),
        job.reference(),
        job.idempotencyKey(),
        job.recurrence(),
        time(job.createdAt()),
        time(job.updatedAt()),
        time(job.startedAt()),
        time(job.finishedAt()),
        job.result(),
        error(job.error()),
        executions == null
            ? null
            : executions.stream().map(e -> execution(e, steps.apply(e))).toList());
  }

  private static ExecutionView execution(Execution e, List<Step> steps) {
    return new ExecutionView(
        e.id(),
        e.occurrence(),
        e.attempt(),
        e.status().name().toUpperCase(Locale.ROOT),
        e.executor(),
        time(e.startedAt()),
        time(e.finishedAt()),
        e.duration() == null ? null : e.duration().toMillis(),
        e.result(),
        error(e.error()),
        steps == null ? null : steps.stream().map(JobViews::step).toList());
  }

  private static StepView step(Step step) {
    return new StepView(
        step.seq(),
        step.name(),
        step.outcome().name(),
        step.healing() == null ? null : step.healing().name(),
        step.duration().toMillis(),
        time(step.at()),
        step.details());
  }

  static ErrorView error(JobError error) {
    return error == null ? null : new ErrorView(error.type(), error.message());
  }

  private static Long seconds(Duration duration) {
    return duration == null ? null : duration.toSeconds();
  }

  static String time(Instant instant) {
    return instant == null ? null : Timestamps.format(instant);
  }
}
