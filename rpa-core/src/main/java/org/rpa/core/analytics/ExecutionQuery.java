package org.rpa.core.analytics;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.job.Execution;

/**
 * A page of the executions a filter selects, newest first, by offset or by an opaque keyset cursor.
 * Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * var failures = ExecutionFilter.all().status(FAILED, TIMEOUT).jobType("mfn.validation");
 * ExecutionQuery query = ExecutionQuery.of(failures).limit(50);
 * Page<ExecutionEntry> page = analytics.executions(query);
 * Page<ExecutionEntry> next = analytics.executions(query.after(page.nextCursor()));
 * long total = analytics.countExecutions(failures);
 * }</pre>
 *
 * @param offset how many of the selected executions to skip; 0 with a cursor
 * @param limit 1 to {@value #MAX_LIMIT}
 * @param after keyset position: only executions older than it; null means from the newest
 * @throws InvalidRequestException naming {@code offset} or {@code limit} when out of range
 */
public record ExecutionQuery(ExecutionFilter filter, int offset, int limit, Position after) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /** Where a page ended: the last execution's id, occurrence and attempt. */
  public record Position(long id, int occurrence, int attempt) {}

  public ExecutionQuery {
    Objects.requireNonNull(filter, "filter");
    if (offset < 0) {
      throw new InvalidRequestException("offset", offset, "must not be negative");
    }
    if (offset > 0 && after != null) {
      throw new InvalidRequestException("offset", offset, "must be 0 with a cursor");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidRequestException("limit", limit, "must be between 1 and " + MAX_LIMIT);
    }
  }

  /** The newest {@value #DEFAULT_LIMIT} executions {@code filter} selects. */
  public static ExecutionQuery of(ExecutionFilter filter) {
    return new ExecutionQuery(filter, 0, DEFAULT_LIMIT, null);
  }

  public ExecutionQuery offset(int offset) {
    return new ExecutionQuery(filter, offset, limit, after);
  }

  public ExecutionQuery limit(int limit) {
    return new ExecutionQuery(filter, offset, limit, after);
  }

  /** The page after the one whose next cursor is {@code cursor}; null or empty starts over. */
  public ExecutionQuery after(String cursor) {
    return new ExecutionQuery(filter, offset, limit, decode(cursor));
  }

  /** The cursor of the page that ends with {@code last}. */
  public static String cursorOf(Execution last) {
    String text = "e:" + last.id() + ":" + last.occurrence() + ":" + last.attempt();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Position decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = text.split(":", -1);
      if (parts.length != 4 || !parts[0].equals("e")) {
        throw new IllegalArgumentException(text);
      }
      var position =
          new Position(
              Long.parseLong(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
      if (position.id() <= 0 || position.occurrence() < 0 || position.attempt() < 0) {
        throw new IllegalArgumentException(text);
      }
      return position;
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("cursor", cursor, "must be a cursor from a previous page");
    }
  }
}
