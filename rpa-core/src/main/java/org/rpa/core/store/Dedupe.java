package org.rpa.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.rpa.core.job.IdempotencyConflictException;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;

/**
 * Finds the earlier job a submit repeats: by idempotency key (unique across jobs) or by reference
 * (unique per provider and action), both kept in {@code job_keys} as {@code key:<key>} and {@code
 * ref:<type>:<reference>}, each with the {@link RequestHash} of the request it was first submitted
 * with. A repeat with the same request is answered with the first job; with another request it is
 * an {@link IdempotencyConflictException}, which rolls the caller's transaction back.
 */
final class Dedupe {
  private Dedupe() {}

  /** A recorded key: its job, and the hash of the request (null for keys recorded before V11). */
  record Known(long jobId, String requestHash) {}

  static Map<String, Known> existing(Handle handle, List<NewJob> jobs) {
    var keys = new ArrayList<String>();
    for (NewJob job : jobs) {
      keys.addAll(keys(job.request()));
    }
    var found = new HashMap<String, Known>();
    if (!keys.isEmpty()) {
      handle
          .createQuery(
              "SELECT dedupe_key, job_id, request_hash FROM job_keys WHERE dedupe_key IN (<keys>)")
          .bindList("keys", keys)
          .map((rs, ctx) -> Map.entry(rs.getString(1), new Known(rs.getLong(2), rs.getString(3))))
          .forEach(entry -> found.put(entry.getKey(), entry.getValue()));
    }
    return found;
  }

  /**
   * Records the keys of fresh jobs, {@code ids} in the order of {@code jobs}. A key that another
   * transaction recorded first fails the insert as a unique violation, which the store retries.
   */
  static void record(Handle handle, List<NewJob> jobs, List<Long> ids) {
    try (RowBatch rows =
        RowBatch.of(
            handle,
            "submit",
            "INSERT INTO job_keys (dedupe_key, job_id, request_hash) VALUES (?, ?, ?)")) {
      for (int i = 0; i < jobs.size(); i++) {
        List<String> keys = keys(jobs.get(i).request());
        if (keys.isEmpty()) {
          continue;
        }
        String hash = RequestHash.of(jobs.get(i).request());
        for (String key : keys) {
          rows.set(key).set(ids.get(i)).set(hash).add();
        }
      }
      rows.execute();
    }
  }

  /**
   * The id of a stored job this request repeats, or null.
   *
   * @throws IdempotencyConflictException when that job was submitted with another request
   */
  static Long match(Map<String, Known> existing, JobRequest request) {
    for (String key : keys(request)) {
      Known known = existing.get(key);
      if (known != null) {
        if (known.requestHash() != null && !known.requestHash().equals(RequestHash.of(request))) {
          throw conflict(key, request, JobId.of(known.jobId()));
        }
        return known.jobId();
      }
    }
    return null;
  }

  /**
   * The index of an earlier request in the same batch that this one repeats, or null.
   *
   * @throws IdempotencyConflictException when that earlier request is another request
   */
  static Integer earlierInBatch(
      Map<String, Integer> firstByKey, List<NewJob> jobs, JobRequest request, int index) {
    List<String> keys = keys(request);
    for (String key : keys) {
      Integer earlier = firstByKey.get(key);
      if (earlier != null) {
        JobRequest first = jobs.get(earlier).request();
        if (!Objects.equals(RequestHash.of(first), RequestHash.of(request))) {
          throw conflict(key, request, null);
        }
        return earlier;
      }
    }
    keys.forEach(key -> firstByKey.put(key, index));
    return null;
  }

  private static IdempotencyConflictException conflict(
      String key, JobRequest request, JobId existing) {
    return key.startsWith("key:")
        ? new IdempotencyConflictException("idempotency_key", request.idempotencyKey(), existing)
        : new IdempotencyConflictException("reference", request.reference(), existing);
  }

  private static List<String> keys(JobRequest request) {
    var keys = new ArrayList<String>(2);
    if (request.idempotencyKey() != null) {
      keys.add(byKey(request.idempotencyKey()));
    }
    if (request.reference() != null) {
      keys.add(byReference(request.type(), request.reference()));
    }
    return keys;
  }

  private static String byKey(String key) {
    return "key:" + key;
  }

  private static String byReference(String type, String reference) {
    return "ref:" + type + ":" + reference;
  }
}
