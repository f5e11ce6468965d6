package org.rpa.core.store;

import java.time.Instant;

/**
 * The ledger of spent TOTP codes ({@code totp_codes}): each (secret, time step) is spent once,
 * across every executor and process sharing the database. The secret is known by a digest, never
 * stored itself.
 *
 * <p>Thread-safe. Every method throws {@link org.rpa.core.StoreException} when the database fails.
 */
public interface TotpLedger {

  /**
   * Records the code of {@code secretId} for {@code step} as spent by {@code usedBy} at {@code
   * usedAt}.
   *
   * @return true if it was unspent and is now spent; false if it had been spent already
   */
  boolean spend(String secretId, long step, String usedBy, Instant usedAt);

  /**
   * Deletes records spent before {@code cutoff}; a code can never be replayed once its step passed.
   *
   * @return how many it deleted
   */
  int purgeBefore(Instant cutoff);
}
