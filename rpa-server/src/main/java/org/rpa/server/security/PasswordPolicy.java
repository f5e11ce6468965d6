package org.rpa.server.security;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a configured password must be outside {@code DEVELOPMENT_MODE}: at least {@value
 * #MIN_LENGTH} characters, and none of the example passwords that the documentation and the
 * deployment examples show (compared without regard to case or surrounding spaces), since a copied
 * example is the first password an attacker tries.
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 12;

  /** Example values from the documentation and deployment examples, in lower case. */
  static final Set<String> EXAMPLES =
      Set.of(
          "admin",
          "admin123",
          "administrator",
          "password",
          "password123",
          "changeme",
          "change-me",
          "secret",
          "your-secure-password",
          "<secure password>",
          "secure password",
          "testpassword",
          "testpass");

  private PasswordPolicy() {}

  /**
   * The one-line problem with {@code password} configured as {@code key}, if any; the message never
   * contains the password.
   */
  public static Optional<String> problem(String key, String password) {
    if (EXAMPLES.contains(password.strip().toLowerCase(Locale.ROOT))) {
      return Optional.of(
          key
              + " must not be an example password from the documentation outside"
              + " DEVELOPMENT_MODE");
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      return Optional.of(
          key
              + " must be at least "
              + MIN_LENGTH
              + " characters outside DEVELOPMENT_MODE, but had "
              + length);
    }
    return Optional.empty();
  }
}
