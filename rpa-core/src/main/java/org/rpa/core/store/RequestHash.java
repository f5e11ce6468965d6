package org.rpa.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import org.rpa.core.StoreException;
import org.rpa.core.job.JobRequest;

/**
 * The SHA-256, in hex, of everything that defines a submitted request, in a canonical form: map
 * keys sorted at every depth, so parameters sent in another order hash alike. Two requests with one
 * hash ask for the same job.
 */
final class RequestHash {
  private static final JsonMapper CANONICAL =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .build();

  private RequestHash() {}

  static String of(JobRequest request) {
    var fields = new LinkedHashMap<String, Object>();
    fields.put("provider", request.provider());
    fields.put("action", request.action());
    fields.put("params", request.params());
    fields.put("priority", request.priority());
    fields.put("run_at", request.runAt() == null ? null : request.runAt().toString());
    fields.put("deadline", request.deadline() == null ? null : request.deadline().toString());
    fields.put("max_attempts", request.maxAttempts());
    fields.put("timeout", request.timeout() == null ? null : request.timeout().toString());
    fields.put("reference", request.reference());
    fields.put("idempotency_key", request.idempotencyKey());
    fields.put("recurrence", request.recurrence());
    try {
      byte[] canonical = CANONICAL.writeValueAsBytes(fields);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new StoreException("submit", e);
    }
  }
}
