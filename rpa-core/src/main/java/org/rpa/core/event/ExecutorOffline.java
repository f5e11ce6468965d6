package org.rpa.core.event;

import java.time.Instant;

/**
 * An executor (a robot, in the fleet view) that was online stopped answering: a remote worker that
 * failed its probe. Its jobs come back to the queue when their leases expire.
 *
 * @param url the worker's address, or null for an executor without one
 * @param reason why it is considered offline, in a few words
 */
public record ExecutorOffline(String executorId, @Nullable String url, String reason, Instant at)
    implements RpaEvent {
  @Override
  public String type() {
    return "robot.offline";
  }
}
