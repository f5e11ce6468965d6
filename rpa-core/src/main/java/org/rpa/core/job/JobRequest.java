package org.rpa.core.job;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.json.Json;

/**
 * What to run: a provider and an action with JSON parameters, and how. Immutable; every {@code
 * with}-style method returns a copy and checks its value where it enters, throwing {@link
 * InvalidRequestException} that names the field and the value.
 *
 * <pre>{@code
 * JobRequest.of("mfn", "validation").param("circuit_number", "ABC123").priority(5)
 * }</pre>
 *
 * @param runAt when the job becomes due; null means now
 * @param deadline a job not started by then ends FAILED as expired; null means no deadline
 * @param maxAttempts null means the orchestrator's retry policy decides
 * @param timeout how long one execution may run; null means the orchestrator's default
 * @param reference unique per provider and action: a second submit of the same request returns the
 *     first job, of another request throws {@link IdempotencyConflictException}
 * @param idempotencyKey unique across all jobs: a second submit of the same request returns the
 *     first job, of another request throws {@link IdempotencyConflictException}
 * @param recurrence a trigger spec ({@code interval:PT1H} or {@code cron:0 2 * *
 *     *;Africa/Johannesburg}) that makes the job RECURRING; null for a one-time job
 */
public record JobRequest(
    String provider,
    String action,
    Map<String, Object> params,
    int priority,
    Instant runAt,
    Instant deadline,
    Integer maxAttempts,
    Duration timeout,
    String reference,
    String idempotencyKey,
    String recurrence) {

  public static final int MIN_PRIORITY = -100;
  public static final int MAX_PRIORITY = 100;
  public static final int MAX_ATTEMPTS_LIMIT = 100;
  private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_-]{0,63}$");
  private static final int MAX_KEY_LENGTH = 255;

  public JobRequest {
    check("provider", provider);
    check("action", action);
    params = Json.normalize("parameters", params);
    if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
      throw new InvalidRequestException(
          "priority", priority, "must be between " + MIN_PRIORITY + " and " + MAX_PRIORITY);
    }
    if (maxAttempts != null && (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT)) {
      throw new InvalidRequestException(
          "max_attempts", maxAttempts, "must be between 1 and " + MAX_ATTEMPTS_LIMIT);
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new InvalidRequestException("timeout", timeout, "must be positive");
    }
    if (deadline != null && runAt != null && !deadline.isAfter(runAt)) {
      throw new InvalidRequestException("deadline", deadline, "must be after run_at " + runAt);
    }
    checkKey("reference", reference);
    checkKey("idempotency_key", idempotencyKey);
    if (recurrence != null && recurrence.isBlank()) {
      throw new InvalidRequestException("recurrence", recurrence, "must not be blank");
    }
  }

  /** A one-time job with no parameters, due now, default priority 0. */
  public static JobRequest of(String provider, String action) {
    return new JobRequest(provider, action, Map.of(), 0, null, null, null, null, null, null, null);
  }

  public JobKind kind() {
    return recurrence == null ? JobKind.ONE_TIME : JobKind.RECURRING;
  }

  /** {@code provider.action}: the job's type, shown as {@code workflow_id} and {@code taskType}. */
  public String type() {
    return provider + "." + action;
  }

  public JobRequest param(String name, Object value) {
    Objects.requireNonNull(name, "name");
    var copy = new LinkedHashMap<String, Object>(params);
    copy.put(name, value);
    return params(copy);
  }

  public JobRequest params(Map<String, ?> params) {
    return with(copy -> copy.params = Json.normalize("parameters", params));
  }

  /** Parameters given as JSON text, which must be an object. */
  public JobRequest paramsJson(String json) {
    return params(Json.parseObject("parameters", json));
  }

  public JobRequest priority(int priority) {
    return with(copy -> copy.priority = priority);
  }

  public JobRequest runAt(Instant runAt) {
    return with(copy -> copy.runAt = runAt);
  }

  /** run_at as ISO-8601 text, such as {@code 2026-01-01T10:00:00Z}. */
  public JobRequest runAt(String isoInstant) {
    return runAt(parseInstant("run_at", isoInstant));
  }

  public JobRequest deadline(Instant deadline) {
    return with(copy -> copy.deadline = deadline);
  }

  public JobRequest deadline(String isoInstant) {
    return deadline(parseInstant("deadline", isoInstant));
  }

  public JobRequest maxAttempts(int maxAttempts) {
    return with(copy -> copy.maxAttempts = maxAttempts);
  }

  public JobRequest timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return with(copy -> copy.timeout = timeout);
  }

  public JobRequest reference(String reference) {
    return with(copy -> copy.reference = reference);
  }

  public JobRequest idempotencyKey(String key) {
    return with(copy -> copy.idempotencyKey = key);
  }

  /** Makes the job RECURRING on a trigger spec (see the record's javadoc). */
  public JobRequest recurrence(String triggerSpec) {
    return with(copy -> copy.recurrence = triggerSpec);
  }

  /** Makes the job RECURRING every {@code period}. */
  public JobRequest every(Duration period) {
    return recurrence("interval:" + period);
  }

  /** Makes the job RECURRING on a 5-field cron expression in {@code zone}. */
  public JobRequest cron(String expression, ZoneId zone) {
    return recurrence("cron:" + expression + ";" + zone.getId());
  }

  static Instant parseInstant(String field, String text) {
    if (text == null) {
      throw new InvalidRequestException(field, null, "must be an ISO-8601 instant");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(field, text, "must be an ISO-8601 instant");
    }
  }

  private static void check(String field, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          field, name, "must match " + NAME.pattern() + " (lower-case letters, digits, _ and -)");
    }
  }

  private static void checkKey(String field, String key) {
    if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
      throw new InvalidRequestException(
          field, key, "must be 1 to " + MAX_KEY_LENGTH + " characters");
    }
  }

  private JobRequest with(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** A request's fields, one of them about to change; the record's constructor checks them all. */
  private static final class Copy {
    private final String provider;
    private final String action;
    private Map<String, Object> params;
    private int priority;
    private Instant runAt;
    private Instant deadline;
    private Integer maxAttempts;
    private Duration timeout;
    private String reference;
    private String idempotencyKey;
    private String recurrence;

    private Copy(JobRequest request) {
      provider = request.provider;
      action = request.action;
      params = request.params;
      priority = request.priority;
      runAt = request.runAt;
      deadline = request.deadline;
      maxAttempts = request.maxAttempts;
      timeout = request.timeout;
      reference = request.reference;
      idempotencyKey = request.idempotencyKey;
      recurrence = request.recurrence;
    }

    private JobRequest build() {
      return new JobRequest(
          provider,
          action,
          params,
          priority,
          runAt,
          deadline,
          maxAttempts,
          timeout,
          reference,
          idempotencyKey,
          recurrence);
    }
  }
}
