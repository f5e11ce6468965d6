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
    rpa = automation.install(Orchestrator.builder().dataSource(sandbox.dataSource).concurrency(3));
    rpa.start();
  }

  @AfterEach
  void stop() {
    rpa.close();
    automation.close();
    sandbox.close();
  }

  /** When a job's browser work began and ended: its first and last recorded step. */
  private record Span(String name, Instant first, Instant last) {}

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
    // The test itself holds the mfn account, as a job logged into that portal would: a second
    // mfn job must wait for it, while a job for another account runs to the end meanwhile.
    String mfnAccount =
        "mfn:"
            + automation
                .secrets()
                .find(org.rpa.automation.flows.ProviderFlows.accountVariable("mfn"))
                .orElse("default");
    JobId mfn;
    try (SessionPool.Lease held = automation.pool().acquire(mfnAccount, "test")) {
      mfn =
          rpa.jobs()
              .submit(JobRequest.of("mfn", "validation").param("circuit_number", "MFN-100001"));
      JobId osn =
          rpa.jobs()
              .submit(JobRequest.of("osn", "validation").param("circuit_number", "OSN-100003"));

      Span other = span("osn", osn);
      Job waiting = rpa.jobs().get(mfn);
      System.out.println(
          "per-account lease: osn ran "
              + other.first()
              + " .. "
              + other.last()
              + " while the mfn account was held; the mfn job meanwhile: "
              + waiting.status()
              + ", steps "
              + rpa.jobs().steps(mfn, Math.max(1, waiting.attempts())).size());
      assertThat(waiting.status())
          .as("one account: the second job waits")
          .isNotEqualTo(JobStatus.COMPLETED);
      assertThat(rpa.jobs().steps(mfn, Math.max(1, waiting.attempts())))
          .as("no browser work for the account while it is held")
          .isEmpty();
    }
    Instant released = Instant.now();
    Span after = span("mfn", mfn);
    System.out.println("  mfn ran " + after.first() + " .. " + after.last() + " after release");
    assertThat(after.first()).isAfterOrEqualTo(released.minusMillis(1));
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
