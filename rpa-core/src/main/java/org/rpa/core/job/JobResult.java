package org.rpa.core.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a handler returns. Three kinds, and the engine treats them differently:
 *
 * <ul>
 *   <li>{@link Success}: the work is done;
 *   <li>{@link BusinessFailure}: the work was done and the answer is no (such as "circuit not
 *       found"); never retried;
 *   <li>{@link TechnicalFailure}: something broke (a timeout, a crashed browser); retried with
 *       backoff while attempts remain. A handler that throws is a technical failure too.
 * </ul>
 */
public sealed interface JobResult {

  static Success success() {
    return new Success(Map.of());
  }

  static Success success(Map<String, ?> data) {
    return new Success(ordered(data));
  }

  static BusinessFailure businessFailure(String type, String message) {
    return new BusinessFailure(new JobError(type, message), Map.of());
  }

  static BusinessFailure businessFailure(String type, String message, Map<String, ?> details) {
    return new BusinessFailure(new JobError(type, message), ordered(details));
  }

  static TechnicalFailure technicalFailure(String type, String message) {
    return new TechnicalFailure(new JobError(type, message), Map.of());
  }

  static TechnicalFailure technicalFailure(String type, String message, Map<String, ?> details) {
    return new TechnicalFailure(new JobError(type, message), ordered(details));
  }

  /**
   * An unmodifiable copy that keeps {@code map}'s order (a result's fields are rendered in it), and
   * refuses null keys and values as {@link Map#copyOf} does.
   */
  private static Map<String, Object> ordered(Map<String, ?> map) {
    var copy = new LinkedHashMap<String, Object>(Math.max(4, map.size() * 2));
    map.forEach(
        (key, value) ->
            copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key)));
    return Collections.unmodifiableMap(copy);
  }

  /** A technical failure made from an exception: its simple class name and message. */
  static TechnicalFailure fromException(Throwable error) {
    String message = error.getMessage() == null ? error.toString() : error.getMessage();
    return technicalFailure(error.getClass().getSimpleName(), message);
  }

  /** The work is done; {@code data} is the job's result. */
  record Success(Map<String, Object> data) implements JobResult {
    public Success {
      Objects.requireNonNull(data, "data");
    }
  }

  /** The work was done and the answer is no. Never retried. */
  record BusinessFailure(JobError error, Map<String, Object> details) implements JobResult {
    public BusinessFailure {
      Objects.requireNonNull(error, "error");
    }
  }

  /** Something broke. Retried while attempts remain. */
  record TechnicalFailure(JobError error, Map<String, Object> details) implements JobResult {
    public TechnicalFailure {
      Objects.requireNonNull(error, "error");
    }
  }
}
