package org.rpa.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    if (value instanceof JsonObject plain) {
      var json = new StringBuilder(16 * plain.size() + 2);
      writePlain(json, plain);
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
      return new JsonObject(MAPPER.readValue(json, MAP));
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
    return new JsonObject(MAPPER.convertValue(node, MAP));
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
    if (value instanceof JsonObject normalized) {
      return normalized;
    }
    if (plainCopy(value) instanceof LinkedHashMap<?, ?> copy) {
      @SuppressWarnings("unchecked")
      var plain = (LinkedHashMap<String, Object>) copy;
      return new JsonObject(plain);
    }
    try {
      return new JsonObject(MAPPER.convertValue(value, MAP));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(field, value, "must hold only JSON values");
    }
  }

  private static final Object NOT_PLAIN = new Object();

  /**
   * A copy of {@code value} if Jackson would convert it to an equal value of the same types (a
   * string, boolean, int, long, finite double or null, or maps with string keys and lists of
   * those); {@link #NOT_PLAIN} otherwise.
   */
  private static Object plainCopy(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long) {
      return value;
    }
    if (value instanceof Double d) {
      return Double.isFinite(d) ? d : NOT_PLAIN;
    }
    if (value instanceof Map<?, ?> map) {
      var copy = new LinkedHashMap<String, Object>(Math.max(4, map.size() * 2));
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Object item = plainCopy(entry.getValue());
        if (!(entry.getKey() instanceof String key) || item == NOT_PLAIN) {
          return NOT_PLAIN;
        }
        copy.put(key, item);
      }
      return copy;
    }
    if (value instanceof List<?> list) {
      var copy = new ArrayList<Object>(list.size());
      for (Object element : list) {
        Object item = plainCopy(element);
        if (item == NOT_PLAIN) {
          return NOT_PLAIN;
        }
        copy.add(item);
      }
      return copy;
    }
    return NOT_PLAIN;
  }

  /**
   * Writes a value of a {@link JsonObject} as Jackson would, without its per-call set-up (a third
   * of a batch submit's time on PostgreSQL went to serialising small parameter maps): strings
   * escaped by Jackson's own encoder, numbers in {@code toString} form, as Jackson writes them.
   */
  private static void writePlain(StringBuilder json, Object value) {
    if (value == null) {
      json.append("null");
    } else if (value instanceof String text) {
      json.append('"');
      STRINGS.quoteAsString(text, json);
      json.append('"');
    } else if (value instanceof Map<?, ?> map) {
      json.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!first) {
          json.append(',');
        }
        first = false;
        writePlain(json, entry.getKey());
        json.append(':');
        writePlain(json, entry.getValue());
      }
      json.append('}');
    } else if (value instanceof List<?> list) {
      json.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          json.append(',');
        }
        writePlain(json, list.get(i));
      }
      json.append(']');
    } else {
      json.append(value); // Boolean, Integer, Long, finite Double: what plainCopy lets in
    }
  }

  private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

  /** A normalized JSON object: unmodifiable, and known to hold plain JSON values only. */
  private static final class JsonObject extends AbstractMap<String, Object> {
    private final Map<String, Object> entries;

    JsonObject(LinkedHashMap<String, Object> entries) {
      this.entries = Collections.unmodifiableMap(entries);
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      return entries.entrySet();
    }

    @Override
    public Object get(Object key) {
      return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return entries.containsKey(key);
    }

    @Override
    public int size() {
      return entries.size();
    }
  }
}
