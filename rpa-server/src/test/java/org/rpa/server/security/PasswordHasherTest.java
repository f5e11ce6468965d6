package org.rpa.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void hashes_with_bcrypt_cost_12_and_verifies() {
    String hash = hasher.hash("correct horse");

    assertThat(hash).startsWith("$2a$12$");
    assertThat(hasher.verify("correct horse", hash)).isTrue();
    assertThat(hasher.verify("correct horsf", hash)).isFalse();
  }

  @Test
  void refuses_to_hash_a_password_longer_than_72_bytes() {
    assertThatThrownBy(() -> hasher.hash("é".repeat(37)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("72 bytes");
  }

  @Test
  void a_password_sharing_the_first_72_bytes_never_matches() {
    String prefix = "p".repeat(72);
    String hash = hasher.hash(prefix);

    assertThat(hasher.verify(prefix, hash)).isTrue();
    assertThat(hasher.verify(prefix + "anything", hash)).isFalse();
  }

  @Test
  void an_unknown_user_is_verified_against_a_dummy_hash_and_fails() {
    assertThat(hasher.verify("whatever", null)).isFalse();
  }
}
