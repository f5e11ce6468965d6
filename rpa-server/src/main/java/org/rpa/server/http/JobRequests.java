package org.rpa.server.http;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.job.IllegalJobTransitionException;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.JobUpdate;
import org.rpa.core.job.Jobs;
import org.rpa.server.http.JobViews.JobCreate;
import org.rpa.server.http.JobViews.JobPatch;

/** Turns the wire shapes into core requests; the core validates every value. */
final class JobRequests {
  static final int MAX_TIMEOUT_SECONDS = 86_400;

  private JobRequests() {}

  static JobRequest from(JobCreate create, String headerKey) {
    Objects.requireNonNull(create, "create");
    JobRequest request = JobRequest.of(create.provider(), create.action());
    if (create.parameters() != null) {
      request = request.params(create.parameters());
    }
    if (create.priority() != null) {
      request = request.priority(create.priority());
    }
    if (create.runAt() != null) {
      request = request.runAt(create.runAt());
    }
    if (create.deadline() != null) {
      request = request.deadline(create.deadline());
    }
    if (create.maxAttempts() != null) {
      request = request.maxAttempts(create.maxAttempts());
    }
    if (create.timeoutSeconds() != null) {
      int seconds = create.timeoutSeconds();
      if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
        throw new InvalidRequestException(
            "timeout_seconds", seconds, "must be between 1 and " + MAX_TIMEOUT_SECONDS);
      }
      request = request.timeout(Duration.ofSeconds(seconds));
    }
    if (create.reference() != null) {
      request = request.reference(create.reference());
    }
    String key = create.idempotencyKey();
    if (headerKey != null && key != null && !headerKey.equals(key)) {
      throw new InvalidRequestException(
          "idempotency_key", key, "must match the Idempotency-Key header when both are given");
    }
    String effective = headerKey != null ? headerKey : key;
    return effective == null ? request : request.idempotencyKey(effective);
  }

  /**
   * Applies a PATCH: either a status change (only to {@code CANCELLED}: the other statuses are the
   * engine's to set, so asking for one is 409) or changes to priority, run_at and parameters.
   */
  static Job apply(Jobs jobs, JobId id, JobPatch patch) {
    if (patch.status() != null) {
      if (patch.priority() != null || patch.runAt() != null || patch.parameters() != null) {
        throw new InvalidRequestException(
            "status", patch.status(), "cannot be combined with other changes");
      }
      JobStatus target = status(patch.status());
      if (target == JobStatus.CANCELLED) {
        return jobs.cancel(id);
      }
      Job job = jobs.get(id);
      throw new IllegalJobTransitionException(id.value(), job.status(), target);
    }
    JobUpdate update = JobUpdate.none();
    if (patch.priority() != null) {
      update = update.priority(patch.priority());
    }
    if (patch.runAt() != null) {
      update = update.runAt(instant("run_at", patch.runAt()));
    }
    if (patch.parameters() != null) {
      update = update.params(patch.parameters());
    }
    if (update.isEmpty()) {
      throw new InvalidRequestException(
          "body", "{}", "must change priority, run_at, parameters or status");
    }
    return jobs.update(id, update);
  }

  static JobStatus status(String text) {
    try {
      return JobStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "status", text, "must be one of " + java.util.Arrays.toString(JobStatus.values()));
    }
  }

  static Instant instant(String field, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(field, text, "must be an ISO-8601 instant");
    }
  }
}
