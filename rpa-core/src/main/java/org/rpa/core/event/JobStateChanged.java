package org.rpa.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A job was created ({@code from} is null) or moved from one status to another. Statuses are the
 * names of {@code org.rpa.core.job.JobStatus}; the event package stays a leaf, so they travel as
 * text.
 *
 * @param executor the executor that caused the change, or null for the API and the sweepers
 * @param reason why, in a few words (such as {@code lease expired}); null when obvious
 */
public record JobStateChanged(
    long jobId,
    String provider,
    String action,
    @Nullable String from,
    String to,
    int attempt,
    @Nullable String executor,
    @Nullable String reason,
    Instant at)
    implements RpaEvent {
  /** Every status a job can have, in its life's order: the values {@code to} takes. */
  public static final List<String> STATUSES =
      List.of("SCHEDULED", "QUEUED", "CLAIMED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED");

  public JobStateChanged {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
  }

  @Override
  public String type() {
    return from == null ? "job.created" : "job." + to.toLowerCase(Locale.ROOT);
  }

  /** True when the job reached a status it never leaves. */
  public boolean isFinal() {
    return to.equals("COMPLETED") || to.equals("FAILED") || to.equals("CANCELLED");
  }
}
