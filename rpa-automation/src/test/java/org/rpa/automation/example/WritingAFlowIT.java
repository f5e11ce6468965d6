package org.rpa.automation.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.automation.BrowserAutomation;
import org.rpa.automation.Secrets;
import org.rpa.core.Orchestrator;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.sandbox.SandboxPortals;

/** Runs docs/automations.md's example flow, as a user would wire it, against a sandbox portal. */
class WritingAFlowIT {
  @TempDir Path temp;

  @Test
  void the_example_flow_validates_a_circuit_and_refuses_an_unknown_one() throws Exception {
    try (SandboxPortals portals = SandboxPortals.start()) {
      // The variables a deployment would mount as secrets, one file per variable.
      Path secrets = Files.createDirectories(temp.resolve("secrets"));
      Files.writeString(secrets.resolve("ACME_URL"), portals.url("mfn"));
      Files.writeString(secrets.resolve("ACME_EMAIL"), portals.portal("mfn").username());
      Files.writeString(secrets.resolve("ACME_PASSWORD"), portals.portal("mfn").password());
      var dataSource = new JdbcDataSource();
      dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

      try (BrowserAutomation automation =
              BrowserAutomation.builder()
                  .secrets(Secrets.fromDirectory(secrets))
                  .evidenceDirectory(temp.resolve("evidence"))
                  .flow("acme", "validation", new AcmeValidation())
                  .build();
          Orchestrator rpa = automation.install(Orchestrator.builder().dataSource(dataSource))) {
        rpa.start();

        JobId id =
            rpa.jobs()
                .submit(JobRequest.of("acme", "validation").param("circuit_number", "MFN-100001"));
        Job done = rpa.jobs().await(id, Duration.ofSeconds(60));
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.result()).containsEntry("status", "success");
        @SuppressWarnings("unchecked")
        var details = (Map<String, Object>) done.result().get("details");
        assertThat(details)
            .containsEntry("provider", "acme")
            .containsEntry("circuit_number", "MFN-100001")
            .containsEntry("service_status", "Active");
        assertThat(automation.evidence().list(id)).isNotEmpty();

        JobId unknown =
            rpa.jobs()
                .submit(JobRequest.of("acme", "validation").param("circuit_number", "MFN-000000"));
        Job refused = rpa.jobs().await(unknown, Duration.ofSeconds(60));
        assertThat(refused.status()).isEqualTo(JobStatus.FAILED);
        assertThat(refused.attempts()).as("a business failure is not retried").isEqualTo(1);
        assertThat(refused.error().type()).isEqualTo("CircuitNotFound");
      }
    }
  }
}
