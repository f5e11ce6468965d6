package org.rpa.server.ws;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.rpa.server.security.Credentials;

/**
 * Single-use tickets that let a browser open a stream without a token in its URL: a client with a
 * valid token asks for one ({@code POST /api/ws/ticket}) and passes it as {@code ?ticket=}; it is
 * valid for {@link #LIFETIME} (never beyond the token it was issued for), and once. Tickets live in
 * memory: at most {@link #MAX_OUTSTANDING} at once, expired ones purged at each issue and each
 * {@link #purge()}, all by the injected clock. A ticket is 256 random bits.
 *
 * <p>Thread-safe.
 */
public final class StreamTickets {
  /** How long a ticket is valid. */
  public static final Duration LIFETIME = Duration.ofSeconds(30);

  /** Tickets outstanding at most; beyond, issuing is refused until some expire or are used. */
  public static final int MAX_OUTSTANDING = 10_000;

  private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

  private record Ticket(Credentials credentials, Instant expiresAt) {}

  /** An issued ticket and when it expires. */
  public record Issued(String ticket, Instant expiresAt) {}

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();

  public StreamTickets(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A new ticket for {@code credentials}.
   *
   * @throws StreamRefusedException (503) while {@link #MAX_OUTSTANDING} tickets are outstanding
   */
  public Issued issue(Credentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    purge();
    if (tickets.size() >= MAX_OUTSTANDING) {
      throw new StreamRefusedException(
          503, "Too many stream tickets outstanding; try again in " + LIFETIME.toSeconds() + " s");
    }
    Instant expiresAt = clock.instant().plus(LIFETIME);
    if (credentials.validUntil().isBefore(expiresAt)) {
      expiresAt = credentials.validUntil();
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String ticket = TEXT.encodeToString(bytes);
    tickets.put(ticket, new Ticket(credentials, expiresAt));
    return new Issued(ticket, expiresAt);
  }

  /** The credentials of {@code ticket}, which it gives up: empty if unknown, used or expired. */
  public Optional<Credentials> redeem(String ticket) {
    Ticket found = ticket == null ? null : tickets.remove(ticket);
    if (found == null || !clock.instant().isBefore(found.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(found.credentials());
  }

  /** Forgets the expired tickets. */
  public void purge() {
    Instant now = clock.instant();
    tickets.values().removeIf(ticket -> !now.isBefore(ticket.expiresAt()));
  }

  /** Tickets issued, not used and not yet purged. */
  public int outstanding() {
    return tickets.size();
  }
}
