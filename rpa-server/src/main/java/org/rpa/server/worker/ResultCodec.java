package org.rpa.server.worker;

import static org.rpa.server.worker.WorkerProtocol.CREDENTIAL;
import static org.rpa.server.worker.WorkerProtocol.bool;
import static org.rpa.server.worker.WorkerProtocol.integer;
import static org.rpa.server.worker.WorkerProtocol.nullableMap;
import static org.rpa.server.worker.WorkerProtocol.object;
import static org.rpa.server.worker.WorkerProtocol.optionalText;
import static org.rpa.server.worker.WorkerProtocol.positiveLong;
import static org.rpa.server.worker.WorkerProtocol.text;
import static org.rpa.server.worker.WorkerProtocol.toMap;
import static org.rpa.server.worker.WorkerProtocol.unknown;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.Healing;
import org.rpa.core.job.JobError;
import org.rpa.core.job.Step;
import org.rpa.core.job.StepOutcome;
import org.rpa.core.remote.RemoteResult;
import org.rpa.server.worker.WorkerProtocol.BadInput;

/**
 * The result body of the worker protocol, both ways: what a worker posts to {@code POST
 * /callbacks/job-complete} and shows under {@code GET /status/{job_id}}; parsing is strict.
 */
public final class ResultCodec {
  private static final Set<String> RESULT_FIELDS =
      Set.of(
          "job_id",
          "occurrence",
          "attempt",
          "executor_id",
          "worker_id",
          "idempotency_key",
          "status",
          "execution_status",
          "result",
          "error",
          "error_type",
          "retryable",
          "duration_ms",
          "steps",
          CREDENTIAL);

  private ResultCodec() {}

  /**
   * The callback body a worker posts: {@link #result} with the dispatch's credential when it has
   * one.
   */
  public static Map<String, Object> callback(RemoteResult result, String workerId) {
    Map<String, Object> body = result(result, workerId);
    if (result.credential() != null) {
      body.put(CREDENTIAL, result.credential());
    }
    return body;
  }

  /**
   * A result as {@code GET /status/{job_id}} shows it: the callback body without the credential,
   * which only ever travels to the orchestrator's callback route.
   */
  public static Map<String, Object> result(RemoteResult result, String workerId) {
    var body = new LinkedHashMap<String, Object>();
    body.put("job_id", result.jobId());
    body.put("occurrence", result.occurrence());
    body.put("attempt", result.attempt());
    body.put("executor_id", result.executorId());
    body.put("worker_id", workerId);
    body.put(
        "idempotency_key", result.jobId() + ":" + result.occurrence() + ":" + result.attempt());
    body.put("status", result.status() == ExecutionStatus.SUCCESS ? "completed" : "failed");
    body.put("execution_status", result.status().name());
    body.put("result", result.result());
    body.put("error", result.error() == null ? null : result.error().message());
    body.put("error_type", result.error() == null ? null : result.error().type());
    body.put("retryable", result.retryable());
    body.put("duration_ms", result.duration() == null ? null : result.duration().toMillis());
    var steps = new ArrayList<Map<String, Object>>();
    for (Step step : result.steps()) {
      var s = new LinkedHashMap<String, Object>();
      s.put("seq", step.seq());
      s.put("name", step.name());
      s.put("outcome", step.outcome().name());
      s.put("healing", step.healing() == null ? null : step.healing().name());
      s.put("duration_ms", step.duration().toMillis());
      s.put("at", step.at().toString());
      s.put("details", step.details());
      steps.add(s);
    }
    body.put("steps", steps);
    return body;
  }

  public static RemoteResult readResult(byte[] json) {
    return readResult(object(json, RESULT_FIELDS));
  }

  public static RemoteResult readResult(JsonNode node) {
    unknown(node, RESULT_FIELDS);
    ExecutionStatus status;
    try {
      status = ExecutionStatus.valueOf(text(node, "execution_status"));
    } catch (IllegalArgumentException e) {
      throw new BadInput("Field 'execution_status' must be SUCCESS, FAILED or TIMEOUT");
    }
    if (status != ExecutionStatus.SUCCESS
        && status != ExecutionStatus.FAILED
        && status != ExecutionStatus.TIMEOUT) {
      throw new BadInput("Field 'execution_status' must be SUCCESS, FAILED or TIMEOUT");
    }
    JobError error = null;
    if (status != ExecutionStatus.SUCCESS) {
      error = new JobError(text(node, "error_type"), text(node, "error"));
    }
    JsonNode duration = node.get("duration_ms");
    if (duration != null && !duration.isNull() && !duration.canConvertToLong()) {
      throw new BadInput("Field 'duration_ms' must be a whole number");
    }
    return new RemoteResult(
        positiveLong(node, "job_id"),
        integer(node, "occurrence", 0),
        integer(node, "attempt", 1),
        text(node, "executor_id"),
        status,
        status == ExecutionStatus.SUCCESS ? nullableMap(node, "result") : null,
        error,
        bool(node, "retryable"),
        duration == null || duration.isNull() ? null : Duration.ofMillis(duration.asLong()),
        steps(node),
        optionalText(node, CREDENTIAL));
  }

  private static List<Step> steps(JsonNode node) {
    JsonNode steps = node.get("steps");
    if (steps == null || steps.isNull()) {
      return List.of();
    }
    if (!steps.isArray()) {
      throw new BadInput("Field 'steps' must be an array");
    }
    var list = new ArrayList<Step>();
    for (JsonNode step : steps) {
      try {
        list.add(
            new Step(
                step.path("seq").asInt(),
                step.path("name").asText(),
                StepOutcome.valueOf(step.path("outcome").asText()),
                step.hasNonNull("healing") ? Healing.valueOf(step.get("healing").asText()) : null,
                Duration.ofMillis(step.path("duration_ms").asLong()),
                Instant.parse(step.path("at").asText()),
                step.hasNonNull("details") ? toMap(step.get("details")) : Map.of()));
      } catch (RuntimeException e) {
        throw new BadInput("Field 'steps' holds a step that is not valid");
      }
    }
    return list;
  }
}
