package org.rpa.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private static final ClientAddress PROXIES =
      ClientAddress.trusting(List.of("127.0.0.1", "10.0.0.0/8", "fd00::/8"));

  @Test
  void without_trusted_proxies_the_peer_is_the_client_whatever_x_forwarded_for_says() {
    assertThat(ClientAddress.NONE.resolve("127.0.0.1", List.of("203.0.113.9")))
        .isEqualTo("127.0.0.1");
    assertThat(ClientAddress.trusting(List.of()).resolve("10.1.1.1", List.of("203.0.113.9")))
        .isEqualTo("10.1.1.1");
  }

  @Test
  void an_untrusted_peer_is_the_client_even_when_it_sends_x_forwarded_for() {
    assertThat(PROXIES.resolve("192.0.2.5", List.of("203.0.113.9"))).isEqualTo("192.0.2.5");
  }

  @Test
  void from_a_trusted_peer_the_right_most_untrusted_address_is_the_client() {
    assertThat(PROXIES.resolve("127.0.0.1", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
    assertThat(PROXIES.resolve("127.0.0.1", List.of("198.51.100.1, 203.0.113.9, 10.2.3.4")))
        .as("a forged left-most entry is never taken; trusted hops on the right are skipped")
        .isEqualTo("203.0.113.9");
    assertThat(PROXIES.resolve("127.0.0.1", List.of("198.51.100.1", "203.0.113.9,10.2.3.4")))
        .as("several header lines are one list, in order")
        .isEqualTo("203.0.113.9");
    assertThat(PROXIES.resolve("[0:0:0:0:0:0:0:1]", List.of("203.0.113.9")))
        .as("::1 is not listed")
        .isEqualTo("[0:0:0:0:0:0:0:1]");
    assertThat(PROXIES.resolve("fd00::7", List.of("2001:db8::1, fd12::1")))
        .isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(PROXIES.resolve("127.0.0.1", List.of("[2001:db8::2]")))
        .isEqualTo("2001:db8:0:0:0:0:0:2");
  }

  @Test
  void when_every_forwarded_hop_is_trusted_the_left_most_is_the_client() {
    assertThat(PROXIES.resolve("127.0.0.1", List.of("10.9.9.9, 10.2.3.4"))).isEqualTo("10.9.9.9");
  }

  @Test
  void a_malformed_or_missing_x_forwarded_for_means_the_peer() {
    for (String header :
        List.of(
            "",
            " , ",
            "not-an-address",
            "abc",
            "203.0.113.9:443",
            "999.1.1.1",
            "1234",
            "203.0.113.9, example.com",
            "2001:db8::zz",
            "fe80::1%eth0")) {
      assertThat(PROXIES.resolve("127.0.0.1", List.of(header))).as(header).isEqualTo("127.0.0.1");
    }
    assertThat(PROXIES.resolve("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
  }

  @Test
  void a_bad_trusted_proxies_entry_is_named_with_the_key() {
    assertThatThrownBy(() -> ClientAddress.trusting(List.of("10.0.0.0/40")))
        .hasMessageContaining("TRUSTED_PROXIES")
        .hasMessageContaining("10.0.0.0/40");
  }
}
