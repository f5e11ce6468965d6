package org.rpa.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.security.Credentials;
import org.rpa.server.security.Principal;
import org.rpa.server.security.Role;

/** Tickets on a {@link MutableClock}: single use, 30 s, never beyond the token, bounded, purged. */
class StreamTicketsTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final StreamTickets tickets = new StreamTickets(clock);
  private final Credentials viewer =
      new Credentials(new Principal("viewer", Role.VIEWER), Instant.parse("2026-01-01T01:00:00Z"));

  @Test
  void a_ticket_is_redeemed_once_for_the_credentials_it_was_issued_for() {
    String ticket = tickets.issue(viewer).ticket();

    assertThat(tickets.redeem(ticket)).contains(viewer);
    assertThat(tickets.redeem(ticket)).isEmpty();
    assertThat(tickets.redeem("unknown")).isEmpty();
    assertThat(tickets.redeem(null)).isEmpty();
  }

  @Test
  void a_ticket_is_valid_for_30_seconds_and_no_longer_than_its_token() {
    StreamTickets.Issued issued = tickets.issue(viewer);
    assertThat(issued.expiresAt()).isEqualTo(Instant.parse("2026-01-01T00:00:30Z"));
    String second = tickets.issue(viewer).ticket();

    clock.advance(Duration.ofSeconds(29));
    assertThat(tickets.redeem(issued.ticket())).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(tickets.redeem(second)).isEmpty();

    var shortLived = new Credentials(viewer.principal(), clock.instant().plusSeconds(5));
    assertThat(tickets.issue(shortLived).expiresAt()).isEqualTo(clock.instant().plusSeconds(5));
  }

  @Test
  void expired_tickets_are_purged_and_at_most_ten_thousand_are_outstanding() {
    Set<String> issued = new HashSet<>();
    for (int i = 0; i < StreamTickets.MAX_OUTSTANDING; i++) {
      issued.add(tickets.issue(viewer).ticket());
    }
    assertThat(issued).hasSize(StreamTickets.MAX_OUTSTANDING);
    assertThatThrownBy(() -> tickets.issue(viewer))
        .isInstanceOf(StreamRefusedException.class)
        .satisfies(e -> assertThat(((StreamRefusedException) e).status()).isEqualTo(503));

    clock.advance(StreamTickets.LIFETIME);
    tickets.purge();

    assertThat(tickets.outstanding()).isZero();
    assertThat(tickets.issue(viewer).ticket()).isNotIn(issued);
    assertThat(tickets.outstanding()).isOne();
  }
}
