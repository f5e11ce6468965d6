package org.rpa.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.rpa.core.job.JobRequest;

/**
 * Finds the earlier job a submit repeats: by idempotency key (unique across jobs) or by reference
 * (unique per provider and action).
 */
final class Dedupe {
  private Dedupe() {}

  static Map<String, Long> existing(Handle handle, List<NewJob> jobs) {
    var keys = new ArrayList<String>();
    var references = new ArrayList<String>();
    for (NewJob job : jobs) {
      if (job.request().idempotencyKey() != null) {
        keys.add(job.request().idempotencyKey());
      }
      if (job.request().reference() != null) {
        references.add(job.request().reference());
      }
    }
    var found = new HashMap<String, Long>();
    if (!keys.isEmpty()) {
      handle
          .createQuery("SELECT id, idempotency_key FROM jobs WHERE idempotency_key IN (<keys>)")
          .bindList("keys", keys)
          .map((rs, ctx) -> Map.entry(byKey(rs.getString(2)), rs.getLong(1)))
          .forEach(entry -> found.put(entry.getKey(), entry.getValue()));
    }
    if (!references.isEmpty()) {
      handle
          .createQuery("SELECT id, job_type, reference FROM jobs WHERE reference IN (<refs>)")
          .bindList("refs", references)
          .map((rs, ctx) -> Map.entry(byReference(rs.getString(2), rs.getString(3)), rs.getLong(1)))
          .forEach(entry -> found.put(entry.getKey(), entry.getValue()));
    }
    return found;
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
