package org.rpa.core.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The jobs one claim gave one executor that are still in flight. A claim takes up to the batch size
 * of due jobs for one executor in one statement; the batch is in flight until the last of those
 * jobs has finished or gone back to the queue.
 *
 * @param id a name-based UUID of the executor and the claim's instant: the same batch has the same
 *     id in every answer and on every instance
 * @param size its jobs still CLAIMED or RUNNING
 * @param running those of them RUNNING
 * @param startedAt when the claim ran
 * @param lastActivity the latest claim or start among its jobs
 * @param age how long ago it was claimed, by the clock (never negative)
 * @param idle how long ago its last activity was (never negative)
 */
public record ClaimBatch(
    UUID id,
    String executorId,
    int size,
    int running,
    Instant startedAt,
    Instant lastActivity,
    Duration age,
    Duration idle) {
  public ClaimBatch {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(executorId, "executorId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(lastActivity, "lastActivity");
    Objects.requireNonNull(age, "age");
    Objects.requireNonNull(idle, "idle");
  }

  /** The batch of {@code executorId} claimed at {@code claimedAt}, seen at {@code now}. */
  public static ClaimBatch of(
      String executorId,
      Instant claimedAt,
      int size,
      int running,
      Instant lastActivity,
      Instant now) {
    UUID id =
        UUID.nameUUIDFromBytes((executorId + "@" + claimedAt).getBytes(StandardCharsets.UTF_8));
    return new ClaimBatch(
        id,
        executorId,
        size,
        running,
        claimedAt,
        lastActivity,
        positive(Duration.between(claimedAt, now)),
        positive(Duration.between(lastActivity, now)));
  }

  private static Duration positive(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }
}
