package org.rpa.server.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashSet;
import java.util.Set;
import org.rpa.core.event.EventTypes;

/**
 * What a client of the multiplexed stream may send: {@code {"action": "subscribe" | "unsubscribe",
 * "channels": [...]}}. The answer states every channel the connection takes now, {@code
 * {"type":"subscribed","channels":[...]}}; a message it cannot take is answered {@code
 * {"type":"error","detail":"..."}} and changes nothing. The dedicated streams take no messages:
 * what a client sends them is ignored.
 *
 * <p>Thread-safe: stateless.
 */
final class StreamRequests {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StreamRequests() {}

  static void handle(StreamSession session, String text, LiveStreams streams) {
    if (session == null || session.stream() != Stream.EVENTS) {
      return;
    }
    try {
      Set<String> channels = apply(session.channels(), text);
      session.subscribe(channels);
      streams.reply(session, StreamMessages.subscribed(channels));
    } catch (IllegalArgumentException e) {
      streams.reply(session, StreamMessages.error(e.getMessage()));
    }
  }

  /** The channels after {@code text}, in the channels' order. */
  static Set<String> apply(Set<String> current, String text) {
    JsonNode request;
    try {
      request = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("The message is not JSON: " + e.getOriginalMessage());
    }
    if (request == null || !request.isObject()) {
      throw new IllegalArgumentException(
          "The message must be an object such as {\"action\":\"subscribe\",\"channels\":[\"jobs\"]}");
    }
    for (String field : (Iterable<String>) request::fieldNames) {
      if (!field.equals("action") && !field.equals("channels")) {
        throw new IllegalArgumentException("Unknown field '" + field + "'");
      }
    }
    String action = request.path("action").asText(null);
    if (!"subscribe".equals(action) && !"unsubscribe".equals(action)) {
      throw new IllegalArgumentException(
          "action must be subscribe or unsubscribe, but was " + request.path("action"));
    }
    JsonNode named = request.path("channels");
    if (!named.isArray() || named.isEmpty()) {
      throw new IllegalArgumentException(
          "channels must be a non-empty list of " + EventTypes.CHANNELS + ", but was " + named);
    }
    Set<String> changed = new LinkedHashSet<>();
    for (JsonNode channel : named) {
      if (!channel.isTextual() || !EventTypes.CHANNELS.contains(channel.asText())) {
        throw new IllegalArgumentException(
            "Unknown channel " + channel + "; the channels are " + EventTypes.CHANNELS);
      }
      changed.add(channel.asText());
    }
    Set<String> result = new LinkedHashSet<>();
    for (String channel : EventTypes.CHANNELS) {
      boolean had = current.contains(channel);
      boolean listed = changed.contains(channel);
      if (action.equals("subscribe") ? had || listed : had && !listed) {
        result.add(channel);
      }
    }
    return result;
  }
}
