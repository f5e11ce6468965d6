package org.rpa.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.health.HealthStatus;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.StepOutcome;
import org.rpa.core.metrics.Gauge;
import org.rpa.core.resilience.BreakerOptions;
import org.rpa.core.testing.ManualOrchestrator;
import org.rpa.core.testing.MutableClock;
import org.rpa.sandbox.SandboxPortal;

/**
 * Failure modes of the flows through the orchestrator, in a real headless Chromium against the
 * sandbox portals, with one injected clock for the orchestrator, the automation and the portals:
 * retries, lockout, self-healing, single-use TOTP, portal breakers, crashed and idle browsers, and
 * evidence retention. Handlers run inline in {@code tick()}, so at most one session is busy.
 */
class OrchestratedFailuresIT {
  @TempDir Path temp;
  final MutableClock clock = MutableClock.at("2026-01-01T03:00:00Z");
  SandboxFixture sandbox;
  BrowserAutomation automation;
  ManualOrchestrator rpa;

  @BeforeEach
  void start() {
    sandbox = new SandboxFixture(temp, clock);
    automation =
        sandbox
            .automation(clock)
            .portalBreaker(
                BreakerOptions.custom()
                    .slidingWindowSize(2)
                    .minimumNumberOfCalls(2)
                    .waitDurationInOpenState(Duration.ofSeconds(60))
                    .build())
            .build();
    rpa =
        automation.install(
            ManualOrchestrator.builder()
                .dataSource(sandbox.dataSource)
                .clock(clock)
                .scheduleZone(ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    rpa.close();
    automation.close();
    sandbox.close();
  }

  private JobId submit(String provider, String action, int circuit) {
    String number = sandbox.portals.portal(provider).circuit(circuit);
    return rpa.jobs().submit(JobRequest.of(provider, action).param("circuit_number", number));
  }

  private Job job(JobId id) {
    return rpa.jobs().get(id);
  }

  @Test
  void an_error_page_once_is_retried_and_the_job_completes() {
    sandbox.portals.portal("mfn").failNextPages(1);
    JobId id = submit("mfn", "validation", 1);

    rpa.tick();
    assertThat(job(id).status()).isEqualTo(JobStatus.SCHEDULED);
    assertThat(job(id).attempts()).isEqualTo(1);
    assertThat(job(id).error().type()).isEqualTo("PortalError");
    clock.advance(Duration.ofSeconds(10));
    rpa.tick();

    assertThat(job(id).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(job(id).attempts()).isEqualTo(2);
    System.out.println("error page once: " + job(id).status() + " after " + job(id).attempts());
  }

  @Test
  void a_wrong_password_fails_with_authentication_error_and_the_portal_locks_after_three() {
    SandboxPortal evotel = sandbox.portals.portal("evotel");
    String good = sandbox.variable("EVOTEL_PASSWORD");
    sandbox.setVariable("EVOTEL_PASSWORD", "wrong");
    JobId id = submit("evotel", "validation", 2);

    rpa.tick();
    clock.advance(Duration.ofSeconds(10));
    rpa.tick();
    assertThat(evotel.isLocked()).as("two wrong passwords").isFalse();
    clock.advance(Duration.ofSeconds(10));
    rpa.tick();

    Job failed = job(id);
    assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
    assertThat(failed.attempts()).isEqualTo(3);
    assertThat(failed.error().type()).isEqualTo("AuthenticationError");
    assertThat(failed.result())
        .containsEntry("error_type", "AuthenticationError")
        .containsEntry("retry_count", 3);
    assertThat(evotel.isLocked()).isTrue();
    System.out.println("wrong password: " + failed.error() + " after " + failed.attempts());

    sandbox.setVariable("EVOTEL_PASSWORD", good);
    JobId whileLocked = submit("evotel", "validation", 3);
    rpa.tick();
    assertThat(job(whileLocked).status()).as("locked: not retried").isEqualTo(JobStatus.FAILED);
    assertThat(job(whileLocked).attempts()).isEqualTo(1);
    assertThat(job(whileLocked).error().message()).contains("locked");

    evotel.unlock();
    JobId afterUnlock = submit("evotel", "validation", 3);
    rpa.tick();
    assertThat(job(afterUnlock).status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void a_changed_element_id_heals_the_step_and_the_rate_is_in_the_metrics() {
    sandbox.portals.portal("osn").changeElementIds(true);
    JobId id = submit("osn", "validation", 4);

    rpa.tick();

    assertThat(job(id).status()).isEqualTo(JobStatus.COMPLETED);
    var healed =
        rpa.jobs().steps(id, 1).stream()
            .filter(step -> step.outcome() == StepOutcome.HEALED)
            .toList();
    assertThat(healed).isNotEmpty();
    clock.advance(Duration.ofSeconds(1)); // the window of the last 24 hours ends before now
    Gauge rate =
        rpa.metrics().gauges().stream()
            .filter(gauge -> gauge.name().equals("rpa_self_healing_success_ratio"))
            .findFirst()
            .orElseThrow();
    assertThat(automation.selfHealing().healed()).isEqualTo(healed.size());
    assertThat(rate.read()).isEqualTo(automation.selfHealingRate()).isGreaterThan(0);
    System.out.println(
        "healed steps: " + healed.stream().map(s -> s.name()).toList() + ", rate " + rate.read());
  }

  @Test
  void two_octotel_jobs_in_one_time_step_get_different_codes_and_the_portal_accepts_both() {
    int logins = sandbox.portals.portal("octotel").logins();
    JobId first = submit("octotel", "validation", 5);
    JobId second = submit("octotel", "cancellation", 6);

    rpa.tick();

    assertThat(job(first).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(job(second).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(sandbox.portals.portal("octotel").logins()).isEqualTo(logins + 2);
    List<Map<String, Object>> spent =
        Jdbi.create(sandbox.dataSource)
            .withHandle(
                handle ->
                    handle
                        .createQuery("SELECT time_step, used_by FROM totp_codes ORDER BY time_step")
                        .mapToMap()
                        .list());
    assertThat(spent).hasSize(2);
    assertThat(spent.get(0).get("time_step")).isNotEqualTo(spent.get(1).get("time_step"));
    System.out.println("TOTP steps spent at " + clock.instant() + ": " + spent);
  }

  @Test
  void while_a_portal_breaker_is_open_its_jobs_wait_without_spending_attempts() {
    sandbox.portals.portal("evotel").failNextPages(100);
    JobId broken =
        rpa.jobs()
            .submit(
                JobRequest.of("evotel", "validation")
                    .param("circuit_number", "EVO-100007")
                    .maxAttempts(2));
    rpa.tick();
    clock.advance(Duration.ofSeconds(10));
    rpa.tick();
    assertThat(job(broken).status()).isEqualTo(JobStatus.FAILED);
    assertThat(rpa.breakers().view("portal-evotel").orElseThrow().state()).isEqualTo("open");
    Instant openedAt = clock.instant();
    sandbox.portals.portal("evotel").failNextPages(0);

    JobId held = submit("evotel", "validation", 8);
    JobId other = submit("mfn", "validation", 8);
    rpa.tick();

    assertThat(job(held).status()).isEqualTo(JobStatus.SCHEDULED);
    assertThat(job(held).attempts()).isZero();
    assertThat(job(held).runAt()).isAfter(openedAt.plusSeconds(60));
    assertThat(job(other).status()).as("another portal runs").isEqualTo(JobStatus.COMPLETED);
    var breakers = rpa.health().report().component("circuit_breakers").orElseThrow();
    assertThat(breakers.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(breakers.message()).contains("portal-evotel");
    System.out.println(
        "while open: "
            + job(held).status()
            + " attempts "
            + job(held).attempts()
            + " run_at "
            + job(held).runAt()
            + "; health: "
            + breakers.message());

    clock.advance(Duration.ofSeconds(30));
    rpa.tick();
    assertThat(job(held).status()).isEqualTo(JobStatus.SCHEDULED);
    assertThat(job(held).attempts()).isZero();

    clock.advance(Duration.ofSeconds(31));
    rpa.tick();
    assertThat(job(held).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(job(held).attempts()).isEqualTo(1);
    assertThat(rpa.jobs().executions(held)).hasSize(1);
  }

  @Test
  void a_crashed_browser_is_replaced_and_the_next_job_succeeds() throws Exception {
    JobId warmUp = submit("mfn", "validation", 9);
    rpa.tick();
    assertThat(job(warmUp).status()).isEqualTo(JobStatus.COMPLETED);
    var profiles = automation.pool().localProfiles();
    assertThat(profiles).hasSize(1);
    Path profile = profiles.values().iterator().next();
    List<ProcessHandle> browser = SandboxFixture.browserProcesses(profile);
    assertThat(browser).isNotEmpty();

    // Killed under chromedriver, which does not reap them: they stay zombies, so no wait for exit.
    browser.forEach(ProcessHandle::destroyForcibly);
    JobId next = submit("mfn", "validation", 10);
    rpa.tick();

    assertThat(job(next).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(job(next).attempts()).isEqualTo(1);
    assertThat(automation.pool().browsersReplaced()).isEqualTo(1);
    assertThat(automation.pool().browsersStarted()).isEqualTo(2);
    assertThat(automation.pool().localProfiles().values()).doesNotContain(profile);
    System.out.println(
        "killed "
            + browser.size()
            + " chromium process(es); replaced: "
            + automation.pool().browsersReplaced());
  }

  @Test
  void a_session_idle_past_the_timeout_is_closed_and_its_browser_exits() throws Exception {
    JobId id = submit("osn", "validation", 11);
    rpa.tick();
    assertThat(job(id).status()).isEqualTo(JobStatus.COMPLETED);
    Path profile = automation.pool().localProfiles().values().iterator().next();
    List<ProcessHandle> browser = SandboxFixture.browserProcesses(profile);
    assertThat(browser).isNotEmpty();

    clock.advance(Duration.ofMinutes(9));
    assertThat(automation.closeIdleSessions()).as("idle 9 of 10 minutes").isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(automation.closeIdleSessions()).isEqualTo(1);

    for (ProcessHandle process : browser) {
      process.onExit().get(10, TimeUnit.SECONDS);
    }
    assertThat(browser).noneMatch(ProcessHandle::isAlive);
    assertThat(automation.sessions()).isEmpty();
    assertThat(profile).doesNotExist();
  }

  @Test
  void the_daily_cleanup_deletes_screenshots_past_retention_and_keeps_newer_ones() {
    JobId old = submit("mfn", "validation", 12);
    rpa.tick();
    assertThat(automation.evidence().list(old)).isNotEmpty();

    clock.set(Instant.parse("2026-01-31T01:00:00Z"));
    rpa.tick();
    assertThat(automation.evidence().list(old)).as("29 days old at the catch-up run").isNotEmpty();
    JobId recent = submit("mfn", "validation", 13);
    rpa.tick();
    int recentShots = automation.evidence().list(recent).size();
    assertThat(recentShots).isPositive();

    clock.set(Instant.parse("2026-02-01T02:00:00Z"));
    rpa.runSchedules();

    assertThat(automation.evidence().list(old)).as("31 days old").isEmpty();
    assertThat(automation.evidence().list(recent)).hasSize(recentShots);
    System.out.println(
        "after cleanup: old job "
            + automation.evidence().list(old).size()
            + " screenshot(s), recent job "
            + recentShots);
  }
}
