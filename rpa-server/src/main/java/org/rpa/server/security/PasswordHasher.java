package org.rpa.server.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * bcrypt with cost {@value #COST}. bcrypt ignores every byte past the 72nd, so a longer password
 * would share a hash with its 72-byte prefix: this hasher refuses such passwords (hashing throws,
 * verifying answers false) rather than pre-hashing them.
 *
 * <p>Thread-safe.
 */
public final class PasswordHasher {
  public static final int COST = 12;
  public static final int MAX_PASSWORD_BYTES = 72;
  // Verified against when the user is unknown, so that both paths cost one bcrypt verification.
  private final byte[] dummyHash;
  private final int cost;

  public PasswordHasher() {
    this(COST);
  }

  /** A hasher with another cost; only tests use a lower one. */
  public PasswordHasher(int cost) {
    if (cost < 4 || cost > 31) {
      throw new IllegalArgumentException("cost must be between 4 and 31, but was " + cost);
    }
    this.cost = cost;
    this.dummyHash = hash("not-a-user").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * @throws IllegalArgumentException if the password is empty or longer than 72 bytes in UTF-8
   */
  public String hash(String password) {
    byte[] bytes = Objects.requireNonNull(password, "password").getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0 || bytes.length > MAX_PASSWORD_BYTES) {
      throw new IllegalArgumentException(
          "password must be 1 to " + MAX_PASSWORD_BYTES + " bytes in UTF-8");
    }
    return new String(BCrypt.withDefaults().hash(cost, bytes), StandardCharsets.UTF_8);
  }

  /** Whether {@code password} matches {@code hash}; false for a password bcrypt would truncate. */
  public boolean verify(String password, String hash) {
    byte[] bytes = Objects.requireNonNull(password, "password").getBytes(StandardCharsets.UTF_8);
    byte[] stored = hash == null ? dummyHash : hash.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0 || bytes.length > MAX_PASSWORD_BYTES) {
      BCrypt.verifyer().verify("x".getBytes(StandardCharsets.UTF_8), stored);
      return false;
    }
    boolean verified = BCrypt.verifyer().verify(bytes, stored).verified;
    return verified && hash != null;
  }
}
