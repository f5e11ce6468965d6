package org.rpa.automation.browser;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One browser session as {@code GET /browser-services} shows it.
 *
 * @param kind {@code local} or {@code grid}
 * @param state {@code idle} or {@code busy}
 * @param jobId the job using it while busy, else null
 * @param account the portal account it is leased for while busy, else null
 */
public record SessionView(
    String id,
    String kind,
    String state,
    String jobId,
    String account,
    Instant createdAt,
    Instant lastUsedAt,
    Duration age,
    int jobsServed) {
  public SessionView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(state, "state");
  }

  public Optional<String> job() {
    return Optional.ofNullable(jobId);
  }
}
