package org.rpa.server.ws;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rpa.core.event.Nullable;
import org.rpa.core.event.RpaEvent;
import org.rpa.server.Timestamps;

/**
 * How an event travels as JSON: its record components in declaration order, snake_case, instants as
 * UTC ISO-8601 with milliseconds; and the JSON Schema of that payload, read from the same
 * components, so that a payload always matches its schema. A component marked {@link Nullable} may
 * be {@code null}; every property is always present.
 *
 * <p>Thread-safe: stateless.
 */
public final class EventPayloads {
  private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE =
      new PropertyNamingStrategies.SnakeCaseStrategy();

  private EventPayloads() {}

  /** The payload of {@code event}: property name → a JSON value (string, number, boolean, null). */
  public static Map<String, Object> payload(RpaEvent event) {
    var payload = new LinkedHashMap<String, Object>();
    for (RecordComponent component : event.getClass().getRecordComponents()) {
      Object value = read(component, event);
      payload.put(
          SNAKE.translate(component.getName()),
          value instanceof Instant instant ? Timestamps.format(instant) : value);
    }
    return payload;
  }

  /** The JSON Schema of the payloads of {@code type}'s events. */
  public static Map<String, Object> schema(Class<? extends RpaEvent> type) {
    var properties = new LinkedHashMap<String, Object>();
    List<String> required = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      String name = SNAKE.translate(component.getName());
      properties.put(name, property(component));
      required.add(name);
    }
    var schema = new LinkedHashMap<String, Object>();
    schema.put("type", "object");
    schema.put("properties", properties);
    schema.put("required", required);
    schema.put("additionalProperties", false);
    return schema;
  }

  private static Map<String, Object> property(RecordComponent component) {
    Class<?> type = component.getType();
    var property = new LinkedHashMap<String, Object>();
    String json = jsonType(type, component);
    boolean nullable = component.isAnnotationPresent(Nullable.class);
    if (nullable && type.isPrimitive()) {
      throw new IllegalStateException(
          "A primitive cannot be null: " + component + " of " + component.getDeclaringRecord());
    }
    property.put("type", nullable ? List.of(json, "null") : json);
    if (type == Instant.class) {
      property.put("format", "date-time");
    }
    return property;
  }

  private static String jsonType(Class<?> type, RecordComponent component) {
    if (type == String.class || type == Instant.class) {
      return "string";
    }
    if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
      return "integer";
    }
    if (type == double.class || type == Double.class || type == float.class) {
      return "number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "boolean";
    }
    throw new IllegalStateException(
        "An event component must be text, a number, a boolean or an instant, but "
            + component
            + " of "
            + component.getDeclaringRecord().getName()
            + " is a "
            + type.getName());
  }

  private static Object read(RecordComponent component, RpaEvent event) {
    try {
      return component.getAccessor().invoke(event);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Cannot read " + component + " of " + event, e);
    }
  }
}
