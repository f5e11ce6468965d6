package org.rpa.core.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link Json}'s fast path for plain JSON values (strings, booleans, ints, longs, finite doubles,
 * nulls, and maps with string keys and lists of those): copied and written without Jackson, with
 * the same result as Jackson's.
 */
final class PlainJson {
  private PlainJson() {}

  static final Object NOT_PLAIN = new Object();

  /**
   * A copy of {@code value} if Jackson would convert it to an equal value of the same types (a
   * string, boolean, int, long, finite double or null, or maps with string keys and lists of
   * those); {@link #NOT_PLAIN} otherwise.
   */
  static Object plainCopy(Object value) {
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
  static void writePlain(StringBuilder json, Object value) {
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
  static final class JsonObject extends AbstractMap<String, Object> {
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
