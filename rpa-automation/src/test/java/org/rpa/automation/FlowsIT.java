package org.rpa.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.automation.evidence.Screenshot;
import org.rpa.core.Orchestrator;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.Step;
import org.rpa.core.job.StepOutcome;
import org.rpa.sandbox.SandboxPortals;

/** The eight flows in a real headless Chromium, submitted to a real orchestrator. */
class FlowsIT {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  @TempDir static Path temp;
  static SandboxPortals portals;
  static BrowserAutomation automation;
  static Orchestrator rpa;

  @BeforeAll
  static void start() throws Exception {
    portals = SandboxPortals.start();
    Path secrets = Files.createDirectories(temp.resolve("secrets"));
    for (var variable : portals.variables().entrySet()) {
      Files.writeString(secrets.resolve(variable.getKey()), variable.getValue());
    }
    var dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    automation =
        BrowserAutomation.builder()
            .secrets(Secrets.fromDirectory(secrets))
            .evidenceDirectory(temp.resolve("evidence"))
            .maxSessions(2)
            .build();
    rpa = automation.install(Orchestrator.builder().dataSource(dataSource).concurrency(2));
    rpa.start();
  }

  @AfterAll
  static void stop() {
    if (rpa != null) {
      rpa.close();
    }
    if (automation != null) {
      automation.close();
    }
    if (portals != null) {
      portals.close();
    }
  }

  @Test
  void all_eight_flows_complete_with_steps_and_png_screenshots() throws Exception {
    int n = 1;
    for (String provider : SandboxPortals.PROVIDERS) {
      for (String action : List.of("validation", "cancellation")) {
        String circuit = portals.portal(provider).circuit(n++);
        JobId id =
            rpa.jobs().submit(JobRequest.of(provider, action).param("circuit_number", circuit));
        Job job = rpa.jobs().await(id, Duration.ofSeconds(60));
        assertThat(job.status())
            .as(provider + " " + action + ": " + job)
            .isEqualTo(JobStatus.COMPLETED);
        assertThat(job.result()).containsEntry("status", "success");
        @SuppressWarnings("unchecked")
        var details = (java.util.Map<String, Object>) job.result().get("details");
        assertThat(details)
            .containsEntry("provider", provider)
            .containsEntry("action", action)
            .containsEntry("circuit_number", circuit)
            .containsKey("processing_seconds");
        assertThat(details.get("processing_time").toString()).matches("\\d\\d:\\d\\d:\\d\\d");
        assertThat(job.result())
            .containsEntry(
                "message",
                Character.toUpperCase(action.charAt(0))
                    + action.substring(1)
                    + " completed successfully");
        List<Step> steps = rpa.jobs().steps(id, job.attempts());
        assertThat(steps).isNotEmpty().allMatch(step -> step.outcome() != StepOutcome.FAILED);
        List<Screenshot> shots = automation.evidence().list(id);
        assertThat(shots).isNotEmpty();
        for (Screenshot shot : shots) {
          try (var in = automation.evidence().open(id, shot.name()).orElseThrow()) {
            byte[] png = in.readAllBytes();
            assertThat(java.util.Arrays.copyOf(png, 8)).isEqualTo(PNG_SIGNATURE);
            // The whole file decodes, to an image of the browser's viewport (1280 wide).
            var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
            assertThat(image).as(shot.name()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(1280);
            assertThat(image.getHeight()).isBetween(100, 900);
          }
        }
        if (action.equals("cancellation")) {
          assertThat(details.get("cancellation_reference").toString()).contains("-CAN-");
          assertThat(portals.portal(provider).status(circuit)).contains("Pending Cancellation");
        } else {
          assertThat(details).containsEntry("service_status", "Active");
        }
      }
    }
    assertThat(automation.pool().browsersStarted()).isLessThanOrEqualTo(2);
  }

  @Test
  void a_changed_element_id_heals_and_completes() throws Exception {
    portals.portal("mfn").changeElementIds(true);
    try {
      JobId id =
          rpa.jobs()
              .submit(JobRequest.of("mfn", "validation").param("circuit_number", "MFN-100015"));
      Job job = rpa.jobs().await(id, Duration.ofSeconds(60));
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(rpa.jobs().steps(id, job.attempts()))
          .anySatisfy(
              step -> {
                assertThat(step.outcome()).isEqualTo(StepOutcome.HEALED);
                assertThat(step.details().get("locator").toString()).contains("data-qa");
              });
      assertThat(automation.selfHealing().healed()).isPositive();
    } finally {
      portals.portal("mfn").changeElementIds(false);
    }
  }

  @Test
  void a_wrong_password_fails_with_authentication_error() throws Exception {
    portals.portal("evotel").unlock();
    Path secrets = temp.resolve("secrets");
    String good = Files.readString(secrets.resolve("EVOTEL_PASSWORD"));
    Files.writeString(secrets.resolve("EVOTEL_PASSWORD"), "wrong");
    try {
      JobId id =
          rpa.jobs()
              .submit(JobRequest.of("evotel", "validation").param("circuit_number", "EVO-100016"));
      Job job = rpa.jobs().await(id, Duration.ofSeconds(90));
      assertThat(job.status()).isEqualTo(JobStatus.FAILED);
      assertThat(job.toString()).contains("AuthenticationError");
    } finally {
      Files.writeString(secrets.resolve("EVOTEL_PASSWORD"), good);
      portals.portal("evotel").unlock();
    }
  }
}
