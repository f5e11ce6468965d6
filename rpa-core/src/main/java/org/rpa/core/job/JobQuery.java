package org.rpa.core.job;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.rpa.core.InvalidRequestException;

/**
 * A filter over jobs, newest first, paged with an opaque keyset cursor. Immutable.
 *
 * <pre>{@code
 * Page<Job> page = rpa.jobs().query(JobQuery.all().status(FAILED).provider("mfn").limit(50));
 * Page<Job> next = rpa.jobs().query(query.after(page.nextCursor()));
 * }</pre>
 *
 * @param statuses empty means any status
 * @param provider null means any
 * @param action null means any
 * @param kind null means any
 * @param createdFrom inclusive; null means unbounded
 * @param createdTo exclusive; null means unbounded
 * @param beforeId keyset position: only jobs with a smaller id; 0 means from the newest
 */
public record JobQuery(
    Set<JobStatus> statuses,
    String provider,
    String action,
    JobKind kind,
    Instant createdFrom,
    Instant createdTo,
    int limit,
    long beforeId) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public JobQuery {
    statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidRequestException("limit", limit, "must be between 1 and " + MAX_LIMIT);
    }
    if (beforeId < 0) {
      throw new InvalidRequestException("cursor", beforeId, "must not be negative");
    }
    if (createdFrom != null && createdTo != null && !createdTo.isAfter(createdFrom)) {
      throw new InvalidRequestException("created_to", createdTo, "must be after created_from");
    }
  }

  public static JobQuery all() {
    return new JobQuery(Set.of(), null, null, null, null, null, DEFAULT_LIMIT, 0);
  }

  public JobQuery status(JobStatus... statuses) {
    return new JobQuery(
        statuses.length == 0 ? Set.of() : EnumSet.of(statuses[0], statuses),
        provider,
        action,
        kind,
        createdFrom,
        createdTo,
        limit,
        beforeId);
  }

  public JobQuery statuses(Set<JobStatus> statuses) {
    return new JobQuery(statuses, provider, action, kind, createdFrom, createdTo, limit, beforeId);
  }

  public JobQuery provider(String provider) {
    return new JobQuery(statuses, provider, action, kind, createdFrom, createdTo, limit, beforeId);
  }

  public JobQuery action(String action) {
    return new JobQuery(statuses, provider, action, kind, createdFrom, createdTo, limit, beforeId);
  }

  /** Only jobs of this kind: the recurring ones, or those that run once. */
  public JobQuery kind(JobKind kind) {
    return new JobQuery(statuses, provider, action, kind, createdFrom, createdTo, limit, beforeId);
  }

  public JobQuery createdBetween(Instant from, Instant to) {
    return new JobQuery(statuses, provider, action, kind, from, to, limit, beforeId);
  }

  public JobQuery limit(int limit) {
    return new JobQuery(statuses, provider, action, kind, createdFrom, createdTo, limit, beforeId);
  }

  /** The page after the one whose {@link Page#nextCursor()} is {@code cursor}. */
  public JobQuery after(String cursor) {
    return new JobQuery(
        statuses, provider, action, kind, createdFrom, createdTo, limit, decodeCursor(cursor));
  }

  static String encodeCursor(long lastId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("id:" + lastId).getBytes(StandardCharsets.UTF_8));
  }

  static long decodeCursor(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!text.startsWith("id:")) {
        throw new IllegalArgumentException(text);
      }
      long id = Long.parseLong(text.substring(3));
      if (id <= 0) {
        throw new IllegalArgumentException(text);
      }
      return id;
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("cursor", cursor, "must be a cursor from a previous page");
    }
  }
}
