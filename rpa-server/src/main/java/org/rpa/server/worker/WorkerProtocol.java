package org.rpa.server.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import java.util.Set;

/**
 * What the worker protocol's two codecs share: its JSON mapper, the credential field, and strict
 * readers, for which a missing, mistyped or unknown field is a {@link BadInput} naming it. The
 * bodies themselves are {@link JobCodec}'s ({@code POST /execute}) and {@link ResultCodec}'s (the
 * result of {@code POST /callbacks/job-complete} and {@code GET /status/{job_id}}).
 */
public final class WorkerProtocol {
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

  private WorkerProtocol() {}

  /** Input the protocol refuses: a 400 naming what is wrong. */
  public static final class BadInput extends RuntimeException {
    public BadInput(String message) {
      super(message, null, false, false);
    }
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

  static void unknown(JsonNode node, Set<String> fields) {
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!fields.contains(name)) {
                throw new BadInput("Unknown field '" + name + "'");
              }
            });
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new BadInput("Field '" + field + "' must be a non-empty string");
    }
    return value.asText();
  }

  static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : text(node, field);
  }

  static long positiveLong(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null
        || !value.isIntegralNumber()
        || !value.canConvertToLong()
        || value.asLong() < 1) {
      throw new BadInput("Field '" + field + "' must be a positive whole number");
    }
    return value.asLong();
  }

  static int integer(JsonNode node, String field, int min) {
    JsonNode value = node.get(field);
    if (value == null
        || !value.isIntegralNumber()
        || !value.canConvertToInt()
        || value.asInt() < min) {
      throw new BadInput("Field '" + field + "' must be a whole number of at least " + min);
    }
    return value.asInt();
  }

  static boolean bool(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isBoolean()) {
      throw new BadInput("Field '" + field + "' must be true or false");
    }
    return value.asBoolean();
  }

  static Map<String, Object> map(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw new BadInput("Field '" + field + "' must be a JSON object");
    }
    return toMap(value);
  }

  static Map<String, Object> nullableMap(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Map.of();
    }
    return map(node, field);
  }

  static Map<String, Object> toMap(JsonNode value) {
    return MAPPER.convertValue(value, new TypeReference<Map<String, Object>>() {});
  }
}
