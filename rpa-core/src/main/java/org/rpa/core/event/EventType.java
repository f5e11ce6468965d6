package org.rpa.core.event;

import java.util.Objects;

/**
 * One type of event the orchestrator publishes.
 *
 * @param type its name, {@code {domain}.{action}}, as {@link RpaEvent#type()} gives it
 * @param channel the stream it belongs to, one of {@link EventTypes#CHANNELS}
 * @param description what it means, in a sentence
 * @param payload the event class whose instances carry it
 * @param example an instance of {@code payload} whose {@link RpaEvent#type()} is {@code type}
 */
public record EventType(
    String type,
    String channel,
    String description,
    Class<? extends RpaEvent> payload,
    RpaEvent example) {

  public EventType {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(example, "example");
    if (!EventTypes.CHANNELS.contains(channel)) {
      throw new IllegalArgumentException(
          "channel must be one of " + EventTypes.CHANNELS + ", but was '" + channel + "'");
    }
    if (example.getClass() != payload || !example.type().equals(type)) {
      throw new IllegalArgumentException(
          "example must be a " + payload.getSimpleName() + " of type " + type);
    }
  }

  /** True when the event class is {@link Deprecated}: still published, about to go. */
  public boolean deprecated() {
    return payload.isAnnotationPresent(Deprecated.class);
  }
}
