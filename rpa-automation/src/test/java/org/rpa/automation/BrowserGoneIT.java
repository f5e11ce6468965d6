package org.rpa.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.rpa.core.Orchestrator;
import org.rpa.core.job.Execution;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.sandbox.SandboxPortals;

/**
 * A step whose browser died under it fails at once with the browser's error, not after the step's
 * timeout with a timeout's message: the browser and its chromedriver get {@code kill -9} between
 * two steps (as when a Selenium Grid node dies, {@code GridNodeKillIT}), and the next step waits
 * for an element the page has. The attempt ends as a technical failure; the next one gets a new
 * browser and completes.
 */
class BrowserGoneIT {
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
  private static final Element EMAIL = Element.of("email", By.id("email"));

  @TempDir Path temp;

  @Test
  void a_step_on_a_killed_browser_fails_at_once_naming_the_browsers_error() throws Exception {
    try (SandboxPortals portals = SandboxPortals.start()) {
      Path secrets = Files.createDirectories(temp.resolve("secrets"));
      Files.writeString(secrets.resolve("PROBE_URL"), portals.url("mfn"));
      var dataSource = new JdbcDataSource();
      dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      var installed = new AtomicReference<BrowserAutomation>();
      Flow probe =
          flow -> {
            Steps steps = flow.steps().open(flow.secret("PROBE_URL") + "/login");
            if (flow.job().attempt() == 1) {
              killBrowsers(installed.get());
            }
            steps.waitFor(EMAIL);
            return Map.of();
          };
      try (BrowserAutomation automation =
              BrowserAutomation.builder()
                  .secrets(Secrets.fromDirectory(secrets))
                  .evidenceDirectory(temp.resolve("evidence"))
                  .stepTimeout(STEP_TIMEOUT)
                  .flow("probe", "validation", probe)
                  .build();
          Orchestrator rpa = automation.install(Orchestrator.builder().dataSource(dataSource))) {
        installed.set(automation);
        rpa.start();
        JobId id =
            rpa.jobs()
                .submit(JobRequest.of("probe", "validation").param("circuit_number", "MFN-100001"));
        Job done = rpa.jobs().await(id, Duration.ofSeconds(90));

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.attempts()).isEqualTo(2);
        Execution first = rpa.jobs().executions(id).get(0);
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(first.error().message())
            .startsWith("Step 'wait for email' failed: ")
            .doesNotContain("Expected condition failed");
        assertThat(first.duration()).isLessThan(STEP_TIMEOUT.dividedBy(2));
        assertThat(automation.pool().browsersStarted()).isEqualTo(2);
      }
    }
  }

  /**
   * {@code kill -9} of every local browser of the pool (found by its profile directory on its
   * command line) and of the chromedriver that started it: processes of this JVM, by PID.
   */
  private static void killBrowsers(BrowserAutomation automation) {
    List<ProcessHandle> doomed = new ArrayList<>();
    for (Path profile : automation.pool().localProfiles().values()) {
      ProcessHandle.current()
          .descendants()
          .filter(process -> commandLine(process).contains("--user-data-dir=" + profile))
          .forEach(
              browser -> {
                doomed.add(browser);
                browser
                    .parent()
                    .filter(p -> commandLine(p).contains("chromedriver"))
                    .ifPresent(doomed::add);
              });
    }
    assertThat(doomed).as("the pool's browser and its chromedriver").isNotEmpty();
    var command = new ArrayList<>(List.of("kill", "-9"));
    doomed.stream().distinct().forEach(process -> command.add(Long.toString(process.pid())));
    try {
      assertThat(new ProcessBuilder(command).start().waitFor(10, TimeUnit.SECONDS)).isTrue();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    for (ProcessHandle process : doomed) {
      process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
    }
  }

  private static String commandLine(ProcessHandle process) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
          .replace('\0', ' ');
    } catch (java.io.IOException gone) {
      return "";
    }
  }
}
