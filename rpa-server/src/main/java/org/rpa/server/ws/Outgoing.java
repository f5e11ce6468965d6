package org.rpa.server.ws;

import org.rpa.core.event.EventTypes;
import org.rpa.core.event.RpaEvent;

/**
 * One message on its way to the connections that take it: an event, rendered at most once per
 * stream, when the first connection of that stream sends it; or a reply already rendered.
 *
 * <p>Thread-safe: a rendering may happen twice when two threads race, with the same text.
 */
final class Outgoing {
  private final RpaEvent event;
  private final String channel;
  private final String[] rendered = new String[Stream.values().length];

  private Outgoing(RpaEvent event, String channel, String text) {
    this.event = event;
    this.channel = channel;
    if (text != null) {
      java.util.Arrays.fill(rendered, text);
    }
  }

  static Outgoing of(RpaEvent event) {
    return new Outgoing(event, EventTypes.channelOf(event), null);
  }

  /** A reply to one client, the same whatever its stream. */
  static Outgoing reply(String text) {
    return new Outgoing(null, null, text);
  }

  /** The event, or null for a reply. */
  RpaEvent event() {
    return event;
  }

  /** The event's channel, or null for a reply. */
  String channel() {
    return channel;
  }

  String text(Stream stream) {
    String text = rendered[stream.ordinal()];
    if (text == null) {
      text = StreamMessages.render(stream, event);
      rendered[stream.ordinal()] = text;
    }
    return text;
  }
}
