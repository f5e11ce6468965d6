package org.rpa.automation.totp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.rpa.core.store.TotpLedger;

/**
 * The one place TOTP codes come from. Each (secret, time step) is spent once, recorded in the
 * orchestrator's {@link TotpLedger} ({@code Orchestrator.totpLedger()}), so two executors, even in
 * two processes sharing the database, never submit the same code. When the current step is spent
 * the next one is used (portals accept one step of clock drift, as RFC 6238 section 5.2
 * recommends); when both are spent the caller waits for the next step. Thread-safe.
 */
public final class TotpService {

  /** How a caller waits for the next time step: a cancellable wait, such as the job's. */
  @FunctionalInterface
  public interface Waiter {
    /** Waits up to {@code duration}; returns true if the wait was cancelled. */
    boolean await(Duration duration) throws InterruptedException;
  }

  private final TotpLedger ledger;
  private final Clock clock;

  public TotpService(TotpLedger ledger, Clock clock) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Spends a code for {@code base32Secret}: the current step's, else the next step's, else waits.
   *
   * @param usedBy who spends it (a job's idempotency key), stored for the audit
   * @throws InterruptedException if the wait is interrupted or cancelled
   */
  public TotpCode spend(String base32Secret, String usedBy, Waiter waiter)
      throws InterruptedException {
    byte[] key = Totp.base32(base32Secret);
    String secretId = secretId(base32Secret);
    while (true) {
      Instant now = clock.instant();
      long step = Totp.timeStep(now);
      for (long candidate = step; candidate <= step + 1; candidate++) {
        if (tryRecord(secretId, candidate, usedBy, now)) {
          return new TotpCode(Totp.code(key, candidate), candidate);
        }
      }
      Duration untilNext = Duration.between(now, Totp.startOf(step + 1));
      if (waiter.await(untilNext.isNegative() ? Duration.ZERO : untilNext)) {
        throw new InterruptedException("cancelled while waiting for a TOTP step");
      }
    }
  }

  /** True if this (secret, step) was unspent and is now recorded as spent. */
  public boolean tryRecord(String secretId, long step, String usedBy, Instant now) {
    return ledger.spend(secretId, step, usedBy, now);
  }

  /** Deletes records older than {@code cutoff}; they can never be replayed once the step passed. */
  public int purgeBefore(Instant cutoff) {
    return ledger.purgeBefore(cutoff);
  }

  /**
   * A digest of the secret's key, so the table never holds the secret itself. It is taken of the
   * decoded key, which is what the codes are computed from, so every spelling of one secret (lower
   * case, spaces, {@code =} padding) has one id and one ledger.
   *
   * <p>Ledgers written before the id was taken of the key hold digests of the secret as written. No
   * migration: only the current and the next 30 s step of a secret are ever consulted, so the old
   * rows stop mattering within a minute of the upgrade (and are purged after a day). Within that
   * minute, or while executors of both versions share a database, a code spent under the old id can
   * be spent once more under the new one, as before the fix for two spellings.
   *
   * @throws IllegalArgumentException if the secret is not Base32
   */
  public static String secretId(String base32Secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Totp.base32(base32Secret.trim()));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
