package org.rpa.server.ws;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that sends, {@code rpa-ws-sender-1}: it takes the connections that have something
 * queued, in the order they became ready, and starts the next asynchronous send of each. A send
 * never blocks it: a connection whose client does not read keeps its one message in flight while
 * the others go on.
 *
 * <p>Thread-safe.
 */
final class StreamSender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StreamSender.class);

  /** What the sender reports to the streams. */
  interface Listener {
    /** The connection failed: it is gone. */
    void failed(StreamSession session, Throwable error);
  }

  private final LinkedBlockingQueue<StreamSession> ready = new LinkedBlockingQueue<>();
  private final LongAdder sent = new LongAdder();
  private final Listener listener;
  private final Thread thread;
  private volatile boolean running = true;

  StreamSender(Listener listener) {
    this.listener = listener;
    this.thread = new Thread(this::run, "rpa-ws-sender-1");
    thread.setDaemon(true);
    thread.start();
  }

  /** Has {@code session}'s next message sent soon; never blocks. */
  void schedule(StreamSession session) {
    if (session.markScheduled()) {
      ready.offer(session);
    }
  }

  void sent(StreamSession session) {
    sent.increment();
    if (session.hasQueued()) {
      schedule(session);
    }
  }

  void failed(StreamSession session, Throwable error) {
    listener.failed(session, error);
  }

  /** Messages sent, over every connection, since the start. */
  long sent() {
    return sent.sum();
  }

  private void run() {
    while (running) {
      try {
        StreamSession session = ready.poll(500, TimeUnit.MILLISECONDS);
        if (session != null) {
          session.sendNext(this);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("Sending a stream message failed", e);
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
