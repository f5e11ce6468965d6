package org.rpa.server.ws;

import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.rpa.core.event.RpaEvent;
import org.rpa.server.security.Credentials;

/**
 * One client's connection to a stream: what it subscribed to, its bounded queue and its counts.
 * {@link #offer} never blocks: what does not fit is dropped and counted, and the time of the first
 * drop since the queue last emptied is kept, so that a client that does not catch up can be closed
 * as too slow. One message at a time is in flight, sent asynchronously; its completion schedules
 * the next.
 *
 * <p>Thread-safe.
 */
final class StreamSession {
  private record Queued(Outgoing message, Instant at) {}

  private final WsContext context;
  private final Stream stream;
  private final Credentials credentials;
  private final ArrayBlockingQueue<Queued> queue;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicBoolean inFlight = new AtomicBoolean();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private volatile Set<String> channels;
  private volatile Instant droppingSince;
  private volatile boolean open = true;

  StreamSession(WsContext context, Stream stream, Credentials credentials, int queueSize) {
    this.context = context;
    this.stream = stream;
    this.credentials = credentials;
    this.queue = new ArrayBlockingQueue<>(queueSize);
    this.channels = stream.channel() == null ? Set.of() : Set.of(stream.channel());
  }

  String id() {
    return context.sessionId();
  }

  Stream stream() {
    return stream;
  }

  Credentials credentials() {
    return credentials;
  }

  /** The channels this connection takes: its stream's, or those it subscribed to. */
  Set<String> channels() {
    return channels;
  }

  /** Replaces the subscriptions of a multiplexed connection. */
  void subscribe(Set<String> subscribed) {
    this.channels = Set.copyOf(new LinkedHashSet<>(subscribed));
  }

  boolean wants(Outgoing message) {
    if (!open) {
      return false;
    }
    RpaEvent event = message.event();
    return stream == Stream.EVENTS ? channels.contains(message.channel()) : stream.carries(event);
  }

  /**
   * Queues {@code message}, or drops and counts it when the queue is full.
   *
   * @return false when it was dropped
   */
  boolean offer(Outgoing message, Instant now) {
    if (queue.offer(new Queued(message, now))) {
      return true;
    }
    dropped.incrementAndGet();
    if (droppingSince == null) {
      droppingSince = now;
    }
    return false;
  }

  /** Whether this connection has dropped messages for {@code limit} without catching up. */
  boolean tooSlow(Instant now, Duration limit) {
    Instant since = droppingSince;
    return since != null && !now.isBefore(since.plus(limit));
  }

  /** How long the oldest queued message has waited, or zero. */
  Duration oldestQueued(Instant now) {
    Queued oldest = queue.peek();
    return oldest == null || oldest.at().isAfter(now)
        ? Duration.ZERO
        : Duration.between(oldest.at(), now);
  }

  long dropped() {
    return dropped.get();
  }

  long sent() {
    return sent.get();
  }

  boolean isOpen() {
    return open;
  }

  /** Marks it to be scheduled; false when it already is. */
  boolean markScheduled() {
    return scheduled.compareAndSet(false, true);
  }

  /**
   * Sends the next queued message unless one is in flight; {@code sender} is told when it went out,
   * and when the connection failed.
   */
  void sendNext(StreamSender sender) {
    scheduled.set(false);
    if (!open || !inFlight.compareAndSet(false, true)) {
      return;
    }
    Queued next = queue.poll();
    if (next == null) {
      inFlight.set(false);
      if (!queue.isEmpty()) {
        sender.schedule(this);
      }
      return;
    }
    if (queue.isEmpty()) {
      droppingSince = null;
    }
    try {
      context.session.sendText(
          next.message().text(stream),
          Callback.from(
              () -> {
                sent.incrementAndGet();
                inFlight.set(false);
                sender.sent(this);
              },
              error -> {
                inFlight.set(false);
                sender.failed(this, error);
              }));
    } catch (RuntimeException e) {
      inFlight.set(false);
      sender.failed(this, e);
    }
  }

  boolean hasQueued() {
    return !queue.isEmpty();
  }

  /** Closes the connection with {@code code} and {@code reason}; queued messages are discarded. */
  void close(int code, String reason) {
    open = false;
    queue.clear();
    context.closeSession(code, reason);
  }

  /** Marks a connection the client or the network closed. */
  void closed() {
    open = false;
    queue.clear();
  }
}
