package org.rpa.server.security;

import java.time.Instant;
import java.util.Objects;

/**
 * Who a verified token names, and until when the token is valid: the earlier of its {@code exp} and
 * its {@code iat} plus the configured lifetime.
 */
public record Credentials(Principal principal, Instant validUntil) {
  public Credentials {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(validUntil, "validUntil");
  }
}
