package org.rpa.sandbox;

import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A portal's own check of RFC 6238 codes (HMAC-SHA1, six digits, 30-second steps), written apart
 * from rpa-automation's generator as a real portal's would be: a flow logs in only if an
 * independent implementation computes the same code. Thread-safe.
 */
final class PortalTotp {
  private static final long STEP_SECONDS = 30;
  private static final String BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private final byte[] key;

  /** For an upper-case RFC 4648 Base32 secret without padding, as the portals hand them out. */
  PortalTotp(String base32Secret) {
    this.key = decode(base32Secret);
  }

  /** The 30-second step from the Unix epoch that {@code instant} falls in. */
  static long stepOf(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
  }

  /** The six-digit code of {@code step}. */
  String codeAt(long step) {
    byte[] counter = new byte[8];
    long rest = step;
    for (int i = counter.length - 1; i >= 0; i--) {
      counter[i] = (byte) rest;
      rest >>>= 8;
    }
    byte[] hash;
    try {
      Mac hmac = Mac.getInstance("HmacSHA1");
      hmac.init(new SecretKeySpec(key, "HmacSHA1"));
      hash = hmac.doFinal(counter);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
    int at = hash[hash.length - 1] & 0x0f;
    int truncated =
        (hash[at] & 0x7f) << 24
            | (hash[at + 1] & 0xff) << 16
            | (hash[at + 2] & 0xff) << 8
            | (hash[at + 3] & 0xff);
    return String.format(Locale.ROOT, "%06d", truncated % 1_000_000);
  }

  private static byte[] decode(String secret) {
    byte[] bytes = new byte[secret.length() * 5 / 8];
    int written = 0;
    long pending = 0;
    int pendingBits = 0;
    for (char letter : secret.toCharArray()) {
      int value = BASE32_ALPHABET.indexOf(letter);
      if (value < 0) {
        throw new IllegalArgumentException("a sandbox TOTP secret is upper-case Base32: " + letter);
      }
      pending = pending << 5 | value;
      pendingBits += 5;
      if (pendingBits >= 8) {
        pendingBits -= 8;
        bytes[written++] = (byte) (pending >>> pendingBits);
      }
    }
    return bytes;
  }
}
