package org.rpa.core.engine;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.rpa.core.event.EventBus;
import org.rpa.core.event.RpaEvent;
import org.rpa.core.event.Subscription;
import org.rpa.core.store.JdbcStores;
import org.rpa.core.store.JobStore;
import org.rpa.core.store.PeerChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares this orchestrator's job changes, heartbeats and offline executors with the others on the
 * same PostgreSQL database, and publishes theirs on the peer bus. The local bus's listener only
 * offers each event to a bounded queue, so an engine thread never waits for the database; one
 * thread, {@code rpa-relay-1}, sends what is queued, packed into as few messages as fit. When the
 * queue is full, or a send fails, events are dropped and counted: the streams that read the peer
 * bus are live views, and the store stays the record.
 *
 * <p>Thread-safe.
 */
final class EventRelay implements AutoCloseable {
  static final int QUEUE_SIZE = 10_000;
  private static final int BATCH = 1_000;
  private static final long PEER_CHECK_NANOS = 2_000_000_000L;
  private static final Logger log = LoggerFactory.getLogger(EventRelay.class);

  private final String origin = UUID.randomUUID().toString();
  private final String ownPrefix = PeerCodec.prefix(origin);
  private final BlockingQueue<RpaEvent> outgoing = new ArrayBlockingQueue<>(QUEUE_SIZE);
  private final EventBus peers;
  private final PeerChannel channel;
  private final Subscription subscription;
  private final LongAdder dropped = new LongAdder();
  private volatile boolean anyoneElse = true;
  private long nextPeerCheck;
  private final Thread thread;
  private volatile boolean running = true;

  private EventRelay(JobStore store, EventBus local, EventBus peers, Clock clock) {
    this.peers = peers;
    this.channel = JdbcStores.peerChannel(store, this::received, clock);
    this.subscription = local.subscribe(this::offer);
    this.nextPeerCheck = System.nanoTime();
    this.thread = new Thread(this::run, "rpa-relay-1");
    thread.setDaemon(true);
  }

  /**
   * Starts relaying between {@code local} and {@code peers} over the store's peer channel.
   *
   * @return the relay, or null when the store has no peer channel (H2)
   */
  static EventRelay start(JobStore store, EventBus local, EventBus peers, Clock clock) {
    if (!JdbcStores.notifiesSubmits(store)) {
      log.debug(
          "Sharing events needs PostgreSQL; on {} there is no other instance", store.engine());
      return null;
    }
    var relay = new EventRelay(store, local, peers, clock);
    relay.thread.start();
    return relay;
  }

  private void offer(RpaEvent event) {
    if (PeerCodec.shared(event) && !outgoing.offer(event)) {
      drop(1);
    }
  }

  private void drop(int events) {
    long before = dropped.sum();
    dropped.add(events);
    if (before / 1_000 != (before + events) / 1_000 || before == 0) {
      log.warn("{} events not shared with the other instances so far", before + events);
    }
  }

  private void run() {
    while (running) {
      try {
        RpaEvent first = outgoing.poll(500, TimeUnit.MILLISECONDS);
        checkPeers();
        if (first != null) {
          List<RpaEvent> batch = new ArrayList<>();
          batch.add(first);
          outgoing.drainTo(batch, BATCH - 1);
          if (anyoneElse) {
            send(batch);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("Sharing events with the other instances failed; they miss these", e);
      }
    }
  }

  /**
   * Every two seconds, asks the database whether another instance listens: alone, an instance sends
   * nothing, since notifications cost the database a fifth of the engine's peak throughput
   * (measured on PostgreSQL with 4 k jobs/s). While the database does not say, it sends.
   */
  private void checkPeers() {
    long now = System.nanoTime();
    if (now - nextPeerCheck < 0) {
      return;
    }
    nextPeerCheck = now + PEER_CHECK_NANOS;
    int listeners = channel.listeners();
    anyoneElse = listeners < 0 || listeners - (channel.listening() ? 1 : 0) > 0;
  }

  /** Sends {@code events} in messages of at most {@link PeerChannel#MAX_MESSAGE_BYTES}. */
  void send(List<RpaEvent> events) {
    List<String> messages = new ArrayList<>();
    List<String> current = new ArrayList<>();
    int envelope = PeerCodec.envelopeBytes(origin);
    int bytes = envelope;
    for (RpaEvent event : events) {
      String encoded = PeerCodec.encode(event);
      int size = encoded.getBytes(StandardCharsets.UTF_8).length + 1;
      if (envelope + size > PeerChannel.MAX_MESSAGE_BYTES) {
        drop(1);
        continue;
      }
      if (bytes + size > PeerChannel.MAX_MESSAGE_BYTES) {
        messages.add(PeerCodec.message(origin, current));
        current = new ArrayList<>();
        bytes = envelope;
      }
      current.add(encoded);
      bytes += size;
    }
    if (!current.isEmpty()) {
      messages.add(PeerCodec.message(origin, current));
    }
    try {
      channel.send(messages);
    } catch (RuntimeException e) {
      drop(events.size());
      throw e;
    }
  }

  private void received(List<String> messages) {
    for (String text : messages) {
      if (text.startsWith(ownPrefix)) {
        continue;
      }
      try {
        PeerCodec.Message message = PeerCodec.decode(text);
        if (!message.origin().equals(origin)) {
          message.events().forEach(peers::publish);
        }
      } catch (RuntimeException e) {
        log.warn("Ignoring a peer message that cannot be read: {}", e.getMessage());
      }
    }
  }

  /** Stops taking events, sends what is queued (for at most a second) and stops listening. */
  @Override
  public void close() {
    subscription.close();
    running = false;
    try {
      thread.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread.interrupt();
    List<RpaEvent> rest = new ArrayList<>();
    outgoing.drainTo(rest);
    if (!rest.isEmpty()) {
      try {
        send(rest);
      } catch (RuntimeException e) {
        log.warn("Sharing the last {} events failed", rest.size(), e);
      }
    }
    channel.close();
  }
}
