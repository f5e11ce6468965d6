package org.rpa.server.ws;

import java.util.Locale;
import org.rpa.core.event.ExecutorHeartbeat;
import org.rpa.core.event.ExecutorOffline;
import org.rpa.core.event.JobStateChanged;
import org.rpa.core.event.QueueDepthSampled;
import org.rpa.core.event.RpaEvent;

/** The WebSocket endpoints, each with the channel its events come from. */
enum Stream {
  /** Each job change, its status in the stream's words (pending, claimed, completed, …). */
  LIVE_JOBS("jobs"),
  /** Each executor's heartbeat, and each that goes offline. */
  ROBOT_STATUS("robots"),
  /** The queue's depth every 5 s. */
  QUEUE_METRICS("queue"),
  /** Every channel the client subscribes to, in the registry's envelope. */
  EVENTS(null);

  private final String channel;

  Stream(String channel) {
    this.channel = channel;
  }

  /** {@code /ws/live-jobs}, … */
  String path() {
    return "/ws/" + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The one channel of a dedicated stream; null for {@link #EVENTS}. */
  String channel() {
    return channel;
  }

  /** Whether a dedicated stream carries {@code event}. */
  boolean carries(RpaEvent event) {
    return switch (this) {
      case LIVE_JOBS -> event instanceof JobStateChanged;
      case ROBOT_STATUS -> event instanceof ExecutorHeartbeat || event instanceof ExecutorOffline;
      case QUEUE_METRICS -> event instanceof QueueDepthSampled;
      case EVENTS -> false;
    };
  }
}
