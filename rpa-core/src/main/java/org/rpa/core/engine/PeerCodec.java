package org.rpa.core.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rpa.core.event.ExecutorHeartbeat;
import org.rpa.core.event.ExecutorOffline;
import org.rpa.core.event.JobStateChanged;
import org.rpa.core.event.RpaEvent;
import org.rpa.core.json.Json;

/**
 * How shared events travel between orchestrators: one message is {@code {"origin": "...", "events":
 * [{"kind": "JobStateChanged", "event": {...}}, ...]}}, each event its record components by name,
 * instants as ISO-8601. Only the kinds in {@link #KINDS} travel.
 *
 * <p>Thread-safe: stateless.
 */
final class PeerCodec {
  static final Map<String, Class<? extends RpaEvent>> KINDS =
      Map.of(
          "JobStateChanged", JobStateChanged.class,
          "ExecutorHeartbeat", ExecutorHeartbeat.class,
          "ExecutorOffline", ExecutorOffline.class);

  private static final Map<Class<?>, RecordComponent[]> COMPONENTS =
      Map.of(
          JobStateChanged.class, JobStateChanged.class.getRecordComponents(),
          ExecutorHeartbeat.class, ExecutorHeartbeat.class.getRecordComponents(),
          ExecutorOffline.class, ExecutorOffline.class.getRecordComponents());

  private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

  /** A decoded message: who sent it and its events. */
  record Message(String origin, List<RpaEvent> events) {}

  private PeerCodec() {}

  static boolean shared(RpaEvent event) {
    return KINDS.containsKey(event.getClass().getSimpleName());
  }

  /** One event as the {@code events} array holds it; written by hand, it is on a hot path. */
  static String encode(RpaEvent event) {
    StringBuilder json = new StringBuilder(256);
    json.append("{\"kind\":\"").append(event.getClass().getSimpleName()).append("\",\"event\":{");
    RecordComponent[] components = COMPONENTS.get(event.getClass());
    for (int i = 0; i < components.length; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append('"').append(components[i].getName()).append("\":");
      Object value = read(components[i], event);
      if (value == null || value instanceof Double number && !Double.isFinite(number)) {
        json.append("null");
      } else if (value instanceof Number || value instanceof Boolean) {
        json.append(value);
      } else {
        json.append('"').append(STRINGS.quoteAsString(value.toString())).append('"');
      }
    }
    return json.append("}}").toString();
  }

  /** A message of {@code origin} holding the {@link #encode encoded} events. */
  static String message(String origin, List<String> encoded) {
    return prefix(origin) + String.join(",", encoded) + "]}";
  }

  /** How every message of {@code origin} begins: an instance skips its own without reading them. */
  static String prefix(String origin) {
    return "{\"origin\":\"" + new String(STRINGS.quoteAsString(origin)) + "\",\"events\":[";
  }

  /** The bytes {@link #message} adds around its events. */
  static int envelopeBytes(String origin) {
    return message(origin, List.of()).length() + 8;
  }

  /**
   * Reads a message; events of a kind this version does not know are left out.
   *
   * @throws IllegalArgumentException if it is not a message
   */
  static Message decode(String text) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (!root.path("origin").isTextual() || !(root.path("events") instanceof ArrayNode items)) {
      throw new IllegalArgumentException("not a peer message");
    }
    List<RpaEvent> events = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      Class<? extends RpaEvent> kind = KINDS.get(item.path("kind").asText());
      if (kind != null) {
        events.add(event(kind, item.path("event")));
      }
    }
    return new Message(root.path("origin").asText(), events);
  }

  private static RpaEvent event(Class<? extends RpaEvent> kind, JsonNode values) {
    RecordComponent[] components = kind.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] arguments = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      arguments[i] = value(types[i], values.path(components[i].getName()));
    }
    try {
      Constructor<? extends RpaEvent> constructor = kind.getDeclaredConstructor(types);
      return constructor.newInstance(arguments);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException("bad " + kind.getSimpleName() + ": " + e.getCause(), e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot build " + kind.getSimpleName(), e);
    }
  }

  private static Object value(Class<?> type, JsonNode node) {
    if (type == long.class) {
      return node.asLong();
    }
    if (type == int.class) {
      return node.asInt();
    }
    if (type == double.class) {
      return node.asDouble();
    }
    if (node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (type == Instant.class) {
      return Instant.parse(node.asText());
    }
    if (type == String.class) {
      return node.asText();
    }
    throw new IllegalStateException("A shared event cannot hold a " + type.getName());
  }

  private static Object read(RecordComponent component, RpaEvent event) {
    try {
      return component.getAccessor().invoke(event);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Cannot read " + component + " of " + event, e);
    }
  }
}
