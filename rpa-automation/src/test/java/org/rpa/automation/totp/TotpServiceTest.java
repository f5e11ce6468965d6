package org.rpa.automation.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.rpa.core.Orchestrator;
import org.rpa.core.testing.MutableClock;

class TotpServiceTest {
  private static final String SECRET = "JBSWY3DPEHPK3PXP";

  @Test
  void two_jobs_in_one_step_get_different_codes_and_a_third_waits_for_the_next_step()
      throws Exception {
    var dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    var clock = MutableClock.at("2026-01-01T00:00:05Z");
    try (var rpa = Orchestrator.builder().dataSource(dataSource).clock(clock).build()) {
      rpa.start(); // runs the migrations, V3__totp_codes among them
      var first = new TotpService(rpa.totpLedger(), clock);
      var second = new TotpService(rpa.totpLedger(), clock); // another executor on the same store
      List<Duration> waits = new ArrayList<>();
      TotpService.Waiter advance =
          wait -> {
            waits.add(wait);
            clock.advance(wait);
            return false;
          };

      TotpCode a = first.spend(SECRET, "job-1", advance);
      TotpCode b = second.spend(SECRET, "job-2", advance);
      TotpCode c = first.spend(SECRET, "job-3", advance);

      assertThat(a.code()).isNotEqualTo(b.code());
      assertThat(b.timeStep()).isEqualTo(a.timeStep() + 1);
      assertThat(waits).containsExactly(Duration.ofSeconds(25));
      assertThat(c.timeStep()).isEqualTo(a.timeStep() + 2);
    }
  }

  @Test
  void two_spellings_of_one_secret_share_the_single_use_ledger() throws Exception {
    var dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    var clock = MutableClock.at("2026-01-01T00:00:05Z");
    try (var rpa = Orchestrator.builder().dataSource(dataSource).clock(clock).build()) {
      rpa.start();
      var totp = new TotpService(rpa.totpLedger(), clock);
      List<Duration> waits = new ArrayList<>();
      TotpService.Waiter advance =
          wait -> {
            waits.add(wait);
            clock.advance(wait);
            return false;
          };
      String spaced = "jbsw y3dp ehpk 3pxp";
      String padded = "JBSWY3DPEHPK3PXP====";

      TotpCode a = totp.spend(SECRET, "job-1", advance);
      TotpCode b = totp.spend(spaced, "job-2", advance);
      TotpCode c = totp.spend(padded, "job-3", advance);

      // Both steps of the first instant were spent, whatever the spelling: the third waited.
      assertThat(b.timeStep()).isEqualTo(a.timeStep() + 1);
      assertThat(waits).containsExactly(Duration.ofSeconds(25));
      assertThat(c.timeStep()).isEqualTo(a.timeStep() + 2);
      assertThat(List.of(a.code(), b.code(), c.code())).doesNotHaveDuplicates();
      assertThat(
              totp.tryRecord(TotpService.secretId(spaced), a.timeStep(), "job-4", clock.instant()))
          .as("a code spent through one spelling is refused through another")
          .isFalse();
      assertThat(TotpService.secretId(spaced))
          .isEqualTo(TotpService.secretId(SECRET))
          .isEqualTo(TotpService.secretId(padded));
    }
  }
}
