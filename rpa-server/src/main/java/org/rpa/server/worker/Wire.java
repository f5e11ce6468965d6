package org.rpa.server.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.JobError;
import org.rpa.core.job.Step;
import org.rpa.core.job.StepOutcome;
import org.rpa.core.remote.RemoteJob;
import org.rpa.core.remote.RemoteResult;

/**
 * The JSON of the worker protocol, both ways: the {@code POST /execute} body and the result body of
 * {@code POST /callbacks/job-complete} (also embedded in {@code GET /status/{job_id}}). Parsing is
 * strict: a missing, mistyped or unknown field is a {@link BadInput} naming it.
 */
public final class Wire {
  /**
   * The field that carries the dispatch's credential ({@link CallbackCredentials}) in {@code POST
   * /execute} and back in the callback.
   */
  public static final String CREDENTIAL = "callback_credential";

  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final Set<String> EXECUTE_FIELDS =
      Set.of(
          "job_id",
          "provider",
          "action",
          "parameters",
          "occurrence",
          "attempt",
          "timeout_ms",
          "executor_id",
          CREDENTIAL);
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

  private Wire() {}

  /** Input the protocol refuses: a 400 naming what is wrong. */
  public static final class BadInput extends RuntimeException {
    public BadInput(String message) {
      super(message, null, false, false);
    }
  }

  public static Map<String, Object> execute(RemoteJob job) {
    var body = new LinkedHashMap<String, Object>();
    body.put("job_id", job.jobId());
    body.put("provider", job.provider());
    body.put("action", job.action());
    body.put("parameters", job.params());
    body.put("occurrence", job.occurrence());
    body.put("attempt", job.attempt());
    body.put("timeout_ms", job.timeout().toMillis());
    body.put("executor_id", job.executorId());
    if (job.credential() != null) {
      body.put(CREDENTIAL, job.credential());
    }
    return body;
  }

  public static RemoteJob readExecute(byte[] json) {
    JsonNode node = object(json, EXECUTE_FIELDS);
    return new RemoteJob(
        positiveLong(node, "job_id"),
        text(node, "provider"),
        text(node, "action"),
        map(node, "parameters"),
        integer(node, "occurrence", 0),
        integer(node, "attempt", 1),
        Duration.ofMillis(positiveLong(node, "timeout_ms")),
        text(node, "executor_id"),
        optionalText(node, CREDENTIAL));
  }

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

  static JsonNode object(byte[] json, Set<String> fields) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new BadInput(
          at == null
              ? "Malformed JSON"
              : "Malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
    } catch (java.io.IOException e) {
      throw new BadInput("Request body could not be read");
    }
    if (node == null || !node.isObject()) {
      throw new BadInput("Request body must be a JSON object");
    }
    unknown(node, fields);
    return node;
  }

  private static void unknown(JsonNode node, Set<String> fields) {
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!fields.contains(name)) {
                throw new BadInput("Unknown field '" + name + "'");
              }
            });
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
                Duration.ofMillis(step.path("duration_ms").asLong()),
                Instant.parse(step.path("at").asText()),
                step.hasNonNull("details") ? toMap(step.get("details")) : Map.of()));
      } catch (RuntimeException e) {
        throw new BadInput("Field 'steps' holds a step that is not valid");
      }
    }
    return list;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new BadInput("Field '" + field + "' must be a non-empty string");
    }
    return value.asText();
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : text(node, field);
  }

  private static long positiveLong(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null
        || !value.isIntegralNumber()
        || !value.canConvertToLong()
        || value.asLong() < 1) {
      throw new BadInput("Field '" + field + "' must be a positive whole number");
    }
    return value.asLong();
  }

  private static int integer(JsonNode node, String field, int min) {
    JsonNode value = node.get(field);
    if (value == null
        || !value.isIntegralNumber()
        || !value.canConvertToInt()
        || value.asInt() < min) {
      throw new BadInput("Field '" + field + "' must be a whole number of at least " + min);
    }
    return value.asInt();
  }

  private static boolean bool(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isBoolean()) {
      throw new BadInput("Field '" + field + "' must be true or false");
    }
    return value.asBoolean();
  }

  private static Map<String, Object> map(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw new BadInput("Field '" + field + "' must be a JSON object");
    }
    return toMap(value);
  }

  private static Map<String, Object> nullableMap(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Map.of();
    }
    return map(node, field);
  }

  private static Map<String, Object> toMap(JsonNode value) {
    return MAPPER.convertValue(value, new TypeReference<Map<String, Object>>() {});
  }
}
