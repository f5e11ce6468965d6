package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@link TotpLedger} part of the store contract. */
interface TotpLedgerContract extends JobStoreFixture {

  @Test
  default void a_totp_code_is_spent_once_per_secret_and_step() {
    TotpLedger ledger = store().totpLedger();
    assertThat(ledger.spend("secret-a", 100, "job-1", NOW)).isTrue();
    assertThat(ledger.spend("secret-a", 100, "job-2", NOW)).isFalse();
    assertThat(ledger.spend("secret-a", 101, "job-2", NOW)).isTrue();
    assertThat(ledger.spend("secret-b", 100, "job-3", NOW)).isTrue();
  }

  @Test
  default void the_purge_forgets_codes_spent_before_the_cutoff() {
    TotpLedger ledger = store().totpLedger();
    ledger.spend("secret-a", 100, "job-1", NOW.minus(Duration.ofDays(2)));
    ledger.spend("secret-a", 101, "job-2", NOW);

    assertThat(ledger.purgeBefore(NOW.minus(Duration.ofDays(1)))).isEqualTo(1);

    assertThat(ledger.spend("secret-a", 100, "job-3", NOW)).isTrue();
    assertThat(ledger.spend("secret-a", 101, "job-3", NOW)).isFalse();
  }
}
