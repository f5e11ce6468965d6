package org.rpa.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The dispatch credential against a fixed vector, computed independently with {@code openssl dgst
 * -sha256 -hmac}: key = HMAC(secret, label), credential = base64url(HMAC(key,
 * "42\n0\n1\nexecutor-a")).
 */
class CallbackCredentialsTest {
  private static final String SECRET = "test-secret-0123456789abcdef0123";
  private final CallbackCredentials credentials = CallbackCredentials.derivedFrom(SECRET);

  @Test
  void the_credential_matches_the_fixed_vector() {
    assertThat(credentials.sign(42, 0, 1, "executor-a"))
        .isEqualTo("mOlyvTANcoGKIi1JTUxjJo171xyhePvQdk7xP4dJUm8");
  }

  @Test
  void every_orchestrator_with_the_same_secret_derives_the_same_credential() {
    assertThat(CallbackCredentials.derivedFrom(SECRET).sign(7, 3, 2, "w"))
        .isEqualTo(credentials.sign(7, 3, 2, "w"));
    assertThat(CallbackCredentials.derivedFrom(SECRET + "x").sign(7, 3, 2, "w"))
        .isNotEqualTo(credentials.sign(7, 3, 2, "w"));
  }

  @Test
  void a_credential_verifies_only_for_its_own_job_occurrence_attempt_and_executor() {
    String credential = credentials.sign(42, 0, 1, "executor-a");
    assertThat(credentials.verify(credential, 42, 0, 1, "executor-a")).isTrue();
    assertThat(credentials.verify(credential, 43, 0, 1, "executor-a")).isFalse();
    assertThat(credentials.verify(credential, 42, 1, 1, "executor-a")).isFalse();
    assertThat(credentials.verify(credential, 42, 0, 2, "executor-a")).isFalse();
    assertThat(credentials.verify(credential, 42, 0, 1, "executor-b")).isFalse();
    assertThat(credentials.verify(null, 42, 0, 1, "executor-a")).isFalse();
    assertThat(credentials.verify("", 42, 0, 1, "executor-a")).isFalse();
    assertThat(credentials.verify(credential + "x", 42, 0, 1, "executor-a")).isFalse();
  }

  @Test
  void the_key_never_appears_in_its_text() {
    assertThat(credentials.toString()).doesNotContain(SECRET).contains("***");
  }
}
