package org.rpa.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PortalTotpTest {
  /** RFC 6238's SHA-1 seed, the ASCII "12345678901234567890", in Base32. */
  static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

  @Test
  void codes_are_the_last_six_digits_of_rfc_6238_test_vectors() {
    PortalTotp totp = new PortalTotp(RFC_SECRET);

    assertThat(totp.codeAt(PortalTotp.stepOf(Instant.ofEpochSecond(59)))).isEqualTo("287082");
    assertThat(totp.codeAt(PortalTotp.stepOf(Instant.ofEpochSecond(1111111109))))
        .isEqualTo("081804");
    assertThat(totp.codeAt(PortalTotp.stepOf(Instant.ofEpochSecond(1111111111))))
        .isEqualTo("050471");
    assertThat(totp.codeAt(PortalTotp.stepOf(Instant.ofEpochSecond(1234567890))))
        .isEqualTo("005924");
    assertThat(totp.codeAt(PortalTotp.stepOf(Instant.ofEpochSecond(2000000000))))
        .isEqualTo("279037");
    assertThat(totp.codeAt(PortalTotp.stepOf(Instant.ofEpochSecond(20000000000L))))
        .isEqualTo("353130");
  }

  @Test
  void a_step_is_thirty_seconds_from_the_epoch() {
    assertThat(PortalTotp.stepOf(Instant.ofEpochSecond(29))).isZero();
    assertThat(PortalTotp.stepOf(Instant.ofEpochSecond(30))).isEqualTo(1);
    assertThat(PortalTotp.stepOf(Instant.ofEpochSecond(-1))).isEqualTo(-1);
  }

  @Test
  void a_secret_that_is_not_base32_is_refused() {
    assertThatThrownBy(() -> new PortalTotp("JBSWY3DP1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Base32");
  }
}
