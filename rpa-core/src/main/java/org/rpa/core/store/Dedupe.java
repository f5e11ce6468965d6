package org.rpa.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.rpa.core.job.JobRequest;

/**
 * Finds the earlier job a submit repeats: by idempotency key (unique across jobs) or by reference
 * (unique per provider and action), both kept in {@code job_keys} as {@code key:<key>} and {@code
 * ref:<type>:<reference>}.
 */
final class Dedupe {
  private Dedupe() {}

  static Map<String, Long> existing(Handle handle, List<NewJob> jobs) {
    var keys = new ArrayList<String>();
    for (NewJob job : jobs) {
      keys.addAll(keys(job.request()));
    }
    var found = new HashMap<String, Long>();
    if (!keys.isEmpty()) {
      handle
          .createQuery("SELECT dedupe_key, job_id FROM job_keys WHERE dedupe_key IN (<keys>)")
          .bindList("keys", keys)
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
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
        RowBatch.of(handle, "submit", "INSERT INTO job_keys (dedupe_key, job_id) VALUES (?, ?)")) {
      for (int i = 0; i < jobs.size(); i++) {
        for (String key : keys(jobs.get(i).request())) {
          rows.set(key).set(ids.get(i)).add();
        }
      }
      rows.execute();
    }
  }

  /** The id of a stored job this request repeats, or null. */
  static Long match(Map<String, Long> existing, JobRequest request) {
    for (String key : keys(request)) {
      Long id = existing.get(key);
      if (id != null) {
        return id;
      }
    }
    return null;
  }

  /** The index of an earlier request in the same batch that this one repeats, or null. */
  static Integer earlierInBatch(Map<String, Integer> firstByKey, JobRequest request, int index) {
    List<String> keys = keys(request);
    for (String key : keys) {
      Integer earlier = firstByKey.get(key);
      if (earlier != null) {
        return earlier;
      }
    }
    keys.forEach(key -> firstByKey.put(key, index));
    return null;
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
