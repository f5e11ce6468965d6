package org.rpa.automation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.job.JobError;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.resilience.BreakerOptions;
import org.rpa.core.testing.ManualOrchestrator;
import org.rpa.core.testing.MutableClock;

/**
 * A flow's breaker permit is given back whatever happens between taking it and running the flow: a
 * browser that cannot start counts as a failed call, an interrupted wait for a session as no call.
 * The breaker is a real one, half-open with one probe call; the browser is a local one whose
 * binaries do not exist, so no browser ever starts.
 */
class FlowHandlerBreakerTest {
  @TempDir Path temp;
  final MutableClock clock = MutableClock.at("2026-01-01T03:00:00Z");
  BrowserAutomation automation;
  ManualOrchestrator rpa;
  CircuitBreaker breaker;

  @BeforeEach
  void start() throws Exception {
    var dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    automation =
        BrowserAutomation.builder()
            .clock(clock)
            .secrets(Secrets.fromDirectory(Files.createDirectories(temp.resolve("secrets"))))
            .evidenceDirectory(temp.resolve("evidence"))
            .browser(temp.resolve("no-chromium"), temp.resolve("no-chromedriver"))
            .maxSessions(1)
            .portalBreaker(
                BreakerOptions.custom()
                    .permittedCallsInHalfOpenState(1)
                    .waitDurationInOpenState(Duration.ofSeconds(60))
                    .build())
            .flow("acme", "validation", flow -> Map.of("checked", true))
            .build();
    rpa =
        automation.install(
            ManualOrchestrator.builder()
                .dataSource(dataSource)
                .clock(clock)
                .scheduleZone(ZoneOffset.UTC));
    breaker = rpa.breakers().breaker(BrowserAutomation.breakerName("acme"));
    breaker.transitionToOpenState();
    breaker.transitionToHalfOpenState();
  }

  @AfterEach
  void stop() {
    rpa.close();
    automation.close();
  }

  @Test
  void a_browser_that_fails_to_start_is_a_failed_probe_and_the_half_open_breaker_reopens() {
    rpa.jobs().submit(JobRequest.of("acme", "validation").param("circuit_number", "ACME-1"));

    assertThat(rpa.tick()).isEqualTo(1);

    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
  }

  @Test
  void evidence_that_cannot_be_written_fails_the_attempt_as_evidence_error_and_spares_the_breaker()
      throws Exception {
    // A file where the evidence directory should be: no job folder can be made under it.
    Files.writeString(temp.resolve("evidence"), "not a directory");
    JobId id =
        rpa.jobs().submit(JobRequest.of("acme", "validation").param("circuit_number", "ACME-3"));

    rpa.tick();

    JobError error = rpa.jobs().executions(id).get(0).error();
    assertThat(error.type()).isEqualTo("EvidenceError");
    assertThat(error.message())
        .contains("of job " + id)
        .contains(temp.resolve("evidence").toString());
    assertThat(rpa.jobs().get(id).status())
        .as("a technical failure, retried")
        .isEqualTo(JobStatus.SCHEDULED);
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
    assertThat(breaker.tryAcquirePermission()).as("the one probe permit is free again").isTrue();
  }

  @Test
  void an_interrupted_wait_for_a_session_gives_the_probe_permit_back() {
    rpa.jobs().submit(JobRequest.of("acme", "validation").param("circuit_number", "ACME-2"));

    // Interrupted as a cancelled job's thread is: the wait for a session is the first to notice.
    Thread.currentThread().interrupt();
    try {
      rpa.tick();
    } finally {
      Thread.interrupted();
    }

    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
    assertThat(breaker.tryAcquirePermission()).as("the one probe permit is free again").isTrue();
  }
}
