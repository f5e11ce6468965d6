package org.rpa.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rpa.core.InvalidRequestException;

/** JSON for parameters, results and details, on one shared, thread-safe {@link ObjectMapper}. */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Writes a map as a JSON object; null stays null. */
  public static String write(Map<String, ?> value) {
    if (value == null) {
      return null;
    }
    if (value instanceof PlainJson.JsonObject plain) {
      var json = new StringBuilder(16 * plain.size() + 2);
      PlainJson.writePlain(json, plain);
      return json.toString();
    }
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value is not serialisable as JSON: " + e.getMessage(), e);
    }
  }

  /** Reads a JSON object that this class wrote; null stays null. */
  public static Map<String, Object> read(String json) {
    if (json == null) {
      return null;
    }
    try {
      return new PlainJson.JsonObject(MAPPER.readValue(json, MAP));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is corrupt: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Parses text that must be a JSON object, for the field named {@code field}.
   *
   * @throws InvalidRequestException if it is not valid JSON or not an object
   */
  public static Map<String, Object> parseObject(String field, String json) {
    JsonNode node;
    try {
      node = json == null ? null : MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(field, json, "must be a JSON object");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidRequestException(field, json, "must be a JSON object");
    }
    return new PlainJson.JsonObject(MAPPER.convertValue(node, MAP));
  }

  /**
   * Copies a map into plain JSON values (maps, lists, strings, numbers, booleans, nulls).
   *
   * <p>Maps that hold only such values already (the usual case: parameters built in code or read
   * from JSON) are copied directly, which costs a fraction of Jackson's conversion through a token
   * buffer; the copy is the same as Jackson's (the same maps, lists and value types). A map that
   * this method returned is returned as it is.
   *
   * @throws InvalidRequestException if a value cannot be written as JSON
   */
  public static Map<String, Object> normalize(String field, Map<String, ?> value) {
    if (value == null) {
      throw new InvalidRequestException(field, null, "must be a JSON object");
    }
    if (value instanceof PlainJson.JsonObject normalized) {
      return normalized;
    }
    if (PlainJson.plainCopy(value) instanceof LinkedHashMap<?, ?> copy) {
      @SuppressWarnings("unchecked")
      var plain = (LinkedHashMap<String, Object>) copy;
      return new PlainJson.JsonObject(plain);
    }
    try {
      return new PlainJson.JsonObject(MAPPER.convertValue(value, MAP));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(field, value, "must hold only JSON values");
    }
  }
}
