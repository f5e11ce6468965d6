package org.rpa.automation.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {
  private static final byte[] SHA1_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @Test
  void matches_the_rfc_6238_appendix_b_sha1_vectors() {
    assertThat(code(59)).isEqualTo("94287082");
    assertThat(code(1111111109)).isEqualTo("07081804");
    assertThat(code(1111111111)).isEqualTo("14050471");
    assertThat(code(1234567890)).isEqualTo("89005924");
    assertThat(code(2000000000)).isEqualTo("69279037");
    assertThat(code(20000000000L)).isEqualTo("65353130");
  }

  @Test
  void matches_the_rfc_6238_sha256_vector() {
    byte[] key = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    assertThat(Totp.code(key, Totp.timeStep(Instant.ofEpochSecond(59)), 8, "HmacSHA256"))
        .isEqualTo("46119246");
  }

  @Test
  void decodes_base32_secrets() {
    assertThat(new String(Totp.base32("GEZDGNBVGY3TQOJQ"), StandardCharsets.US_ASCII))
        .isEqualTo("1234567890");
  }

  private static String code(long epochSecond) {
    return Totp.code(SHA1_KEY, Totp.timeStep(Instant.ofEpochSecond(epochSecond)), 8, "HmacSHA1");
  }
}
