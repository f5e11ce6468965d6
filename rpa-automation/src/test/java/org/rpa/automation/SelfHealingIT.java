package org.rpa.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.rpa.core.Orchestrator;
import org.rpa.core.analytics.HealingStats;
import org.rpa.core.job.Healing;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.Step;
import org.rpa.core.job.StepOutcome;
import org.rpa.sandbox.SandboxPortals;

/**
 * Each element step records what self-healing did, in the store with the execution: a first locator
 * that missed and a later one that worked, every locator missing, and a lone locator missing are
 * told apart.
 */
class SelfHealingIT {
  private static final Element RENAMED_EMAIL =
      Element.of("email", By.id("email-renamed"), By.cssSelector("[data-qa='user']"));
  private static final Element GONE =
      Element.of("gone", By.id("no-such-element"), By.cssSelector("[data-qa='no-such']"));
  private static final Element LONE = Element.of("lone", By.id("no-such-lone-element"));

  @TempDir Path temp;

  @Test
  void healed_not_healed_and_no_alternative_are_recorded_per_step() throws Exception {
    try (SandboxPortals portals = SandboxPortals.start()) {
      Path secrets = Files.createDirectories(temp.resolve("secrets"));
      Files.writeString(secrets.resolve("PROBE_URL"), portals.url("mfn"));
      var dataSource = new JdbcDataSource();
      dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      Flow probe =
          flow -> {
            Steps steps = flow.steps();
            steps.open(flow.secret("PROBE_URL") + "/login").fill(RENAMED_EMAIL, "someone");
            for (Element missing : new Element[] {GONE, LONE}) {
              try {
                steps.read(missing);
              } catch (StepFailedException expected) {
                // the flow goes on: the step is recorded as failed, with its healing
              }
            }
            return Map.of();
          };

      try (BrowserAutomation automation =
              BrowserAutomation.builder()
                  .secrets(Secrets.fromDirectory(secrets))
                  .evidenceDirectory(temp.resolve("evidence"))
                  .stepTimeout(Duration.ofMillis(300))
                  .flow("probe", "validation", probe)
                  .build();
          Orchestrator rpa = automation.install(Orchestrator.builder().dataSource(dataSource))) {
        rpa.start();
        JobId id =
            rpa.jobs()
                .submit(JobRequest.of("probe", "validation").param("circuit_number", "MFN-100001"));
        Job done = rpa.jobs().await(id, Duration.ofSeconds(60));
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);

        assertThat(rpa.jobs().steps(id, done.attempts()))
            .filteredOn(step -> !step.name().startsWith("screenshot"))
            .extracting(Step::outcome, Step::healing)
            .containsExactly(
                tuple(StepOutcome.PASSED, null),
                tuple(StepOutcome.HEALED, Healing.HEALED),
                tuple(StepOutcome.FAILED, Healing.NOT_HEALED),
                tuple(StepOutcome.FAILED, Healing.NO_ALTERNATIVE));
        assertThat(automation.selfHealing()).isEqualTo(new HealingStats(1, 1, 1));
        assertThat(automation.selfHealingRate()).isEqualTo(0.5);
      }
    }
  }
}
