package org.rpa.server.ws;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rpa.core.event.EventTypes;

/**
 * The live streams at one instant.
 *
 * @param sessions open connections
 * @param streams open connections per endpoint ({@code /ws/live-jobs}, …)
 * @param connections connections that take each channel: a dedicated stream's, or those a
 *     multiplexed connection subscribed to
 * @param messagesSent messages sent since the start, over every connection
 * @param messagesDropped messages dropped since the start, because a connection's queue was full
 * @param oldestQueuedMs how long the oldest message still queued has waited, in milliseconds
 * @param sessionsClosedSlow connections closed as too slow since the start
 * @param ticketsOutstanding tickets issued and neither used nor expired
 */
public record StreamHealth(
    int sessions,
    Map<String, Integer> streams,
    Map<String, Integer> connections,
    long messagesSent,
    long messagesDropped,
    long oldestQueuedMs,
    long sessionsClosedSlow,
    int ticketsOutstanding,
    Instant at) {

  static StreamHealth of(
      List<StreamSession> open,
      long sent,
      long dropped,
      long closedSlow,
      int tickets,
      Instant now) {
    Map<String, Integer> streams = new LinkedHashMap<>();
    for (Stream stream : Stream.values()) {
      streams.put(stream.path(), 0);
    }
    Map<String, Integer> channels = new LinkedHashMap<>();
    EventTypes.CHANNELS.forEach(channel -> channels.put(channel, 0));
    long oldest = 0;
    for (StreamSession session : open) {
      streams.merge(session.stream().path(), 1, Integer::sum);
      session.channels().forEach(channel -> channels.merge(channel, 1, Integer::sum));
      oldest = Math.max(oldest, session.oldestQueued(now).toMillis());
    }
    return new StreamHealth(
        open.size(), streams, channels, sent, dropped, oldest, closedSlow, tickets, now);
  }
}
