package org.rpa.core.store;

import java.time.Instant;
import org.rpa.core.StoreException;

/** The {@link TotpLedger} on the job store's database. Thread-safe. */
final class JdbcTotpLedger implements TotpLedger {
  private final JdbcJobStore store;

  JdbcTotpLedger(JdbcJobStore store) {
    this.store = store;
  }

  @Override
  public boolean spend(String secretId, long step, String usedBy, Instant usedAt) {
    try {
      // Autocommit: the primary key (secret_id, time_step) makes a second spend fail, in any
      // process, without a lock of our own.
      return store.read(
              "spend TOTP code",
              handle ->
                  handle
                      .createUpdate(
                          "INSERT INTO totp_codes (secret_id, time_step, used_by, used_at)"
                              + " VALUES (:secret, :step, :usedBy, :usedAt)")
                      .bind("secret", secretId)
                      .bind("step", step)
                      .bind("usedBy", usedBy)
                      .bind("usedAt", usedAt)
                      .execute())
          == 1;
    } catch (StoreException e) {
      if (JdbcJobStore.isUniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public int purgeBefore(Instant cutoff) {
    return store.write(
        "purge TOTP codes",
        handle ->
            handle
                .createUpdate("DELETE FROM totp_codes WHERE used_at < :cutoff")
                .bind("cutoff", cutoff)
                .execute());
  }
}
