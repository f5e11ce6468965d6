package org.rpa.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The jobs one claim gave one executor that are still in flight (CLAIMED or RUNNING), as the store
 * holds them: a claim statement leases its batch to one executor at one instant, and each claimed
 * job's last {@code CLAIMED} log row records both.
 *
 * @param executor the executor holding the jobs' lease
 * @param claimedAt when the claim ran, by the claimer's clock
 * @param size the batch's jobs still CLAIMED or RUNNING
 * @param running those of them RUNNING
 * @param lastActivity the latest claim or start among them
 */
public record ClaimBatchRow(
    String executor, Instant claimedAt, int size, int running, Instant lastActivity) {
  public ClaimBatchRow {
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(claimedAt, "claimedAt");
    Objects.requireNonNull(lastActivity, "lastActivity");
  }
}
