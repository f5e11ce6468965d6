package org.rpa.automation.totp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 time-based one-time passwords over RFC 4226 HOTP. Stateless and thread-safe. */
public final class Totp {
  public static final Duration STEP = Duration.ofSeconds(30);
  public static final int DEFAULT_DIGITS = 6;

  private Totp() {}

  /** The time step that {@code instant} falls in (30 s steps from the Unix epoch). */
  public static long timeStep(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), STEP.getSeconds());
  }

  /** The first instant of {@code step}. */
  public static Instant startOf(long step) {
    return Instant.ofEpochSecond(step * STEP.getSeconds());
  }

  /** The code for {@code step}, HMAC-SHA1 and six digits, as authenticator apps do. */
  public static String code(byte[] key, long step) {
    return code(key, step, DEFAULT_DIGITS, "HmacSHA1");
  }

  /**
   * The code for {@code step}.
   *
   * @param algorithm {@code HmacSHA1}, {@code HmacSHA256} or {@code HmacSHA512}
   */
  public static String code(byte[] key, long step, int digits, String algorithm) {
    Objects.requireNonNull(key, "key");
    if (digits < 6 || digits > 9) {
      throw new IllegalArgumentException("digits must be 6 to 9, but was " + digits);
    }
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, "RAW"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
      int modulus = (int) Math.pow(10, digits);
      return String.format(Locale.ROOT, "%0" + digits + "d", binary % modulus);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TOTP with " + algorithm + " is not available", e);
    }
  }

  /**
   * Decodes an RFC 4648 Base32 secret, as authenticator QR codes carry it (case and spaces
   * ignored).
   */
  public static byte[] base32(String secret) {
    String text = secret.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
    ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (char c : text.toCharArray()) {
      int value = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".indexOf(c);
      if (value < 0) {
        throw new IllegalArgumentException("secret must be Base32, but has '" + c + "'");
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        out.put((byte) (buffer >> (bits - 8)));
        bits -= 8;
      }
    }
    return out.array();
  }
}
