package org.rpa.server.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rpa.core.event.EventTypes;
import org.rpa.core.event.ExecutorHeartbeat;
import org.rpa.core.event.ExecutorOffline;
import org.rpa.core.event.JobStateChanged;
import org.rpa.core.event.QueueDepthSampled;
import org.rpa.core.event.RpaEvent;
import org.rpa.server.Timestamps;

/**
 * The text of each message a stream sends: the dedicated streams' own shapes, the multiplexed
 * stream's envelope around {@link EventPayloads#payload}, and the replies to a client's messages.
 *
 * <p>Thread-safe: stateless.
 */
final class StreamMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StreamMessages() {}

  /** What {@code stream} sends for {@code event}, which it carries. */
  static String render(Stream stream, RpaEvent event) {
    return write(
        switch (stream) {
          case LIVE_JOBS -> liveJob((JobStateChanged) event);
          case ROBOT_STATUS -> robot(event);
          case QUEUE_METRICS -> queue((QueueDepthSampled) event);
          case EVENTS -> envelope(event);
        });
  }

  /**
   * A job's status as the live-jobs stream names it: waiting jobs are {@code pending}, jobs an
   * executor holds are {@code claimed}, and the final statuses keep their names.
   */
  static String word(String status) {
    return switch (status) {
      case "SCHEDULED", "QUEUED" -> "pending";
      case "CLAIMED", "RUNNING" -> "claimed";
      case "COMPLETED" -> "completed";
      case "FAILED" -> "failed";
      case "CANCELLED" -> "cancelled";
      default -> throw new IllegalArgumentException("Unknown job status " + status);
    };
  }

  static String subscribed(Collection<String> channels) {
    var body = new LinkedHashMap<String, Object>();
    body.put("type", "subscribed");
    body.put("channels", List.copyOf(channels));
    return write(body);
  }

  static String error(String detail) {
    var body = new LinkedHashMap<String, Object>();
    body.put("type", "error");
    body.put("detail", detail);
    return write(body);
  }

  private static Map<String, Object> liveJob(JobStateChanged change) {
    var body = new LinkedHashMap<String, Object>();
    body.put("job_id", change.jobId());
    body.put("status", word(change.to()));
    body.put("timestamp", Timestamps.format(change.at()));
    body.put("provider", change.provider());
    body.put("action", change.action());
    body.put("attempt", change.attempt());
    return body;
  }

  private static Map<String, Object> robot(RpaEvent event) {
    var body = new LinkedHashMap<String, Object>();
    if (event instanceof ExecutorHeartbeat beat) {
      body.put("robot_id", beat.executorId());
      body.put("status", beat.status());
      body.put("cpu_percent", beat.cpuPercent());
      body.put("memory_mb", beat.memoryMb());
      body.put("active_jobs", beat.activeJobs());
      body.put("capacity", beat.capacity());
    } else {
      ExecutorOffline offline = (ExecutorOffline) event;
      body.put("robot_id", offline.executorId());
      body.put("status", "offline");
      body.put("cpu_percent", null);
      body.put("memory_mb", null);
      body.put("active_jobs", 0);
      body.put("capacity", 0);
    }
    body.put("timestamp", Timestamps.format(event.at()));
    return body;
  }

  private static Map<String, Object> queue(QueueDepthSampled sample) {
    var body = new LinkedHashMap<String, Object>();
    body.put("depth", sample.depth());
    body.put("timestamp", Timestamps.format(sample.at()));
    return body;
  }

  private static Map<String, Object> envelope(RpaEvent event) {
    var body = new LinkedHashMap<String, Object>();
    body.put("type", event.type());
    body.put("channel", EventTypes.channelOf(event));
    body.put("data", EventPayloads.payload(event));
    body.put("timestamp", Timestamps.format(event.at()));
    return body;
  }

  private static String write(Map<String, Object> body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot render a stream message", e);
    }
  }
}
