package org.rpa.core.event;

import java.time.Instant;

/**
 * The queue's depth, sampled every {@link #INTERVAL_SECONDS} seconds while the orchestrator runs.
 *
 * @param depth jobs due and waiting for an executor ({@code QUEUED})
 * @param scheduled jobs waiting for their time: delayed jobs, retries and next occurrences
 * @param running jobs an executor holds: claimed or running
 */
public record QueueDepthSampled(long depth, long scheduled, long running, Instant at)
    implements RpaEvent {
  /** How often the depth is sampled. */
  public static final int INTERVAL_SECONDS = 5;

  @Override
  public String type() {
    return "queue.depth";
  }
}
