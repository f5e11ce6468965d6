package org.rpa.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.rpa.automation.browser.SessionPool;
import org.rpa.core.Orchestrator;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.Step;

/**
 * The session pool under a real, threaded orchestrator on the system clock: each portal account is
 * leased to one session at a time, and a reused session starts clean.
 */
class SessionLeaseIT {
  @TempDir Path temp;
  SandboxFixture sandbox;
  BrowserAutomation automation;
  Orchestrator rpa;

  @BeforeEach
  void start() {
    Clock clock = Clock.systemUTC();
    sandbox = new SandboxFixture(temp, clock);
    automation = sandbox.automation(clock).build();
    rpa =
        automation
            .register(Orchestrator.builder().dataSource(sandbox.dataSource).concurrency(3))
            .build();
    automation.bind(rpa);
    rpa.start();
  }

  @AfterEach
  void stop() {
    rpa.close();
    automation.close();
    sandbox.close();
  }

  /** When a job's browser work began and ended: its first and last recorded step. */
  private record Span(String name, Instant first, Instant last) {
    boolean overlaps(Span other) {
      return first.isBefore(other.last) && other.first.isBefore(last);
    }
  }

  private Span span(String name, JobId id) throws Exception {
    Job job = rpa.jobs().await(id, Duration.ofSeconds(90));
    assertThat(job.status()).as(name + ": " + job).isEqualTo(JobStatus.COMPLETED);
    List<Step> steps = rpa.jobs().steps(id, job.attempts());
    Instant first = steps.stream().map(Step::at).min(Comparator.naturalOrder()).orElseThrow();
    Instant last = steps.stream().map(Step::at).max(Comparator.naturalOrder()).orElseThrow();
    return new Span(name, first, last);
  }

  @Test
  void jobs_for_one_account_run_one_after_another_and_two_accounts_run_in_parallel()
      throws Exception {
    JobId mfnA =
        rpa.jobs().submit(JobRequest.of("mfn", "validation").param("circuit_number", "MFN-100001"));
    JobId mfnB =
        rpa.jobs().submit(JobRequest.of("mfn", "validation").param("circuit_number", "MFN-100002"));
    JobId osn =
        rpa.jobs().submit(JobRequest.of("osn", "validation").param("circuit_number", "OSN-100003"));

    Span a = span("mfn A", mfnA);
    Span b = span("mfn B", mfnB);
    Span c = span("osn", osn);
    System.out.println("per-account lease, first and last step of each job:");
    for (Span span : List.of(a, b, c)) {
      System.out.println("  " + span.name() + " " + span.first() + " .. " + span.last());
    }

    assertThat(a.overlaps(b)).as("one account: one job at a time").isFalse();
    Span firstMfn = a.first().isBefore(b.first()) ? a : b;
    Span secondMfn = firstMfn == a ? b : a;
    assertThat(c.overlaps(firstMfn)).as("two accounts: in parallel").isTrue();
    assertThat(secondMfn.first()).isAfterOrEqualTo(firstMfn.last());
    assertThat(automation.pool().browsersStarted()).isLessThanOrEqualTo(2);
  }

  @Test
  void a_reused_session_has_no_cookies_or_storage_of_the_job_before() throws Exception {
    SessionPool pool = automation.pool();
    String login = sandbox.portals.url("mfn") + "/login";
    String firstSession;
    try (SessionPool.Lease lease = pool.acquire("mfn:ops", "1")) {
      firstSession = lease.sessionId();
      WebDriver driver = lease.driver();
      driver.get(login);
      driver.manage().addCookie(new Cookie("probe", "job-1"));
      ((JavascriptExecutor) driver)
          .executeScript(
              "localStorage.setItem('probe', 'job-1'); sessionStorage.setItem('probe', 'job-1');");
      assertThat(driver.manage().getCookieNamed("probe")).isNotNull();
    }
    try (SessionPool.Lease lease = pool.acquire("mfn:ops", "2")) {
      assertThat(lease.sessionId()).as("the warm session is reused").isEqualTo(firstSession);
      WebDriver driver = lease.driver();
      assertThat(driver.getCurrentUrl()).isEqualTo("about:blank");
      driver.get(login);
      assertThat(driver.manage().getCookies()).isEmpty();
      Object local =
          ((JavascriptExecutor) driver).executeScript("return localStorage.getItem('probe');");
      Object session =
          ((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('probe');");
      assertThat(local).isNull();
      assertThat(session).isNull();
    }
    assertThat(pool.browsersStarted()).isEqualTo(1);
  }
}
