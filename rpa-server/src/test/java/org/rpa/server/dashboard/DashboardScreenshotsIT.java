package org.rpa.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.rpa.core.job.JobRequest;
import org.rpa.core.testing.MutableClock;
import org.rpa.sandbox.SandboxPortals;
import org.rpa.server.TestServer;

/**
 * Every page of the dashboard over a working day of history, each at 1280×800: eight hours of
 * {@code demo.check} jobs (some refused by the portal, some retried after a timeout), recurring
 * jobs, a loop restarted by hand and one stopped, a remote worker down (its breaker open), the demo
 * portals of development mode, alerts evaluated, one job still running. Checks that each page shows
 * that history (the chart has a point for every hour that ran, no tile is empty) and saves each
 * page to {@code target/dashboard-docs/}; with {@code -Drpa.dashboard.docs=<dir>} also to that
 * directory, which is how {@code docs/dashboard/} is made.
 */
class DashboardScreenshotsIT {
  private static final Instant START = Instant.parse("2026-01-05T01:00:00Z");
  private static final int HOURS = 8;
  private static MutableClock clock;
  private static PortalCheck check;
  private static TestServer server;
  private static DashboardBrowser browser;
  private static String token;

  @BeforeAll
  static void start() {
    clock = MutableClock.at(START);
    check = new PortalCheck(clock);
    server =
        new TestServer(
            Map.of(
                "MAX_WORKERS",
                "2",
                // A lease that outlives the hours the clock jumps: the robot stays online.
                "LEASE_LENGTH_SECONDS",
                "36000",
                // As ./run: the demo portals start, and the overview says so.
                "DEVELOPMENT_MODE",
                "true",
                // A remote worker that is down: its heartbeats fail and open its breaker.
                "WORKER_URLS",
                "http://127.0.0.1:" + freePort(),
                "WORKER_AUTH_TOKEN",
                "a-worker-token-of-at-least-32-characters",
                "HEARTBEAT_INTERVAL_SECONDS",
                "1"),
            clock,
            null,
            builder -> builder.handler(PortalCheck.PROVIDER, PortalCheck.ACTION, check));
    check.evidence.set(server.server.automation().evidence());
    browser = new DashboardBrowser();
    try (SandboxPortals portals = SandboxPortals.start()) {
      browser.driver.get(portals.url("mfn"));
      check.screenshot.set(((TakesScreenshot) browser.driver).getScreenshotAs(OutputType.BYTES));
    }
    token = server.token("operator", TestServer.PASSWORD);
  }

  @AfterAll
  static void stop() {
    check.gate.release(10);
    if (browser != null) {
      browser.close();
    }
    server.close();
  }

  @Test
  void every_page_shows_a_days_history_and_is_saved_at_1280_by_800() throws IOException {
    long flaky = history();
    var jobs = server.server.orchestrator().jobs();
    jobs.submit(
        JobRequest.of("demo", "check")
            .param("circuit_number", "MFN-200100")
            .every(Duration.ofHours(6)));
    jobs.submit(
        JobRequest.of("demo", "check")
            .param("circuit_number", "OSN-300200")
            .cron("0 2 * * *", ZoneId.of("Africa/Johannesburg")));
    submit("{\"circuit_number\":\"MFN-100077\",\"hold\":true}", null);
    submit("{\"circuit_number\":\"EVO-400300\"}", clock.instant().plusSeconds(1800).toString());
    post("/api/system/supervisor/workers/performance_sampler/restart");
    post("/api/system/supervisor/workers/browser_reaper/stop");
    browser.await(
        "the down worker's breaker open",
        () ->
            server
                    .body(server.get("/api/system/circuit-breakers", token))
                    .path("summary")
                    .path("open")
                    .asInt()
                == 1);
    server.server.orchestrator().alerts().evaluate();

    browser.login(server.base(), "operator", TestServer.PASSWORD);
    browser.go("#/overview");
    String chartLabel =
        browser.await(
            "the chart with every hour's point",
            () -> {
              WebElement box = browser.visible(By.cssSelector("#trend-chart"));
              return box != null
                      && !box.findElements(By.tagName("canvas")).isEmpty()
                      && String.valueOf(HOURS).equals(box.getAttribute("data-points"))
                  ? box.getAttribute("aria-label")
                  : null;
            });
    assertThat(chartLabel).contains("executions per hour");
    browser.awaitText(By.id("tile-busy"), "1");
    assertThat(browser.text(By.id("tile-success"))).containsPattern("\\d+\\.\\d\\d%");
    browser.await("the alerts firing", () -> browser.visible(By.cssSelector("#firing li")));
    assertThat(browser.text(By.id("demo-portals")))
        .contains("demo portals", "mfn, osn, octotel, evotel");
    save("overview");

    browser.go("#/jobs");
    browser.await(
        "a full page of jobs",
        () -> browser.driver.findElements(By.cssSelector("#jobs-table tbody tr")).size() == 25);
    browser.await(
        "the running job",
        () -> browser.visible(By.cssSelector("td.status[data-status='RUNNING']")));
    save("jobs");

    browser.go("#/jobs/" + flaky);
    browser.await(
        "both attempts and the screenshots",
        () ->
            browser.driver.findElements(By.cssSelector("article.execution")).size() == 2
                && browser.driver.findElements(By.cssSelector("#job-screenshots img")).size() == 2);
    browser.await(
        "the screenshots decoded",
        () ->
            (Boolean)
                browser.script(
                    "return [...document.querySelectorAll('#job-screenshots img')].every(i => i.complete && i.naturalWidth > 0)"));
    save("job");
    browser.script("document.getElementById('executions-title').scrollIntoView()");
    save("job-steps");

    browser.go("#/robots");
    browser.awaitText(By.id("robots-list"), "local");
    save("robots");

    browser.go("#/schedules");
    browser.awaitText(By.id("recurring-list"), "cron:0 2 * * *");
    browser.awaitText(By.id("tasks-list"), "poll_job_queue");
    save("schedules");

    browser.go("#/supervisor");
    browser.awaitText(By.id("restart-history"), "performance_sampler manual");
    save("supervisor");

    browser.go("#/breakers");
    browser.await(
        "the open breaker",
        () -> browser.visible(By.cssSelector("tr[data-breaker='worker-1'] .badge-open")));
    save("breakers");

    browser.go("#/alerts");
    browser.await(
        "an alert firing", () -> browser.visible(By.cssSelector("tr[data-state='firing']")));
    save("alerts");

    browser.script("sessionStorage.clear()");
    browser.driver.navigate().refresh();
    browser.await("the login form", () -> browser.visible(By.id("username"))).sendKeys("operator");
    save("login");
    assertThat(browser.policyViolations()).isEmpty();
  }

  /**
   * Eight hours of work, a batch each hour: most succeed, some are refused by the portal, one an
   * hour times out once and succeeds on its retry. Returns the id of the last of those.
   */
  private static long history() {
    long flaky = 0;
    for (int hour = 0; hour < HOURS; hour++) {
      clock.set(START.plus(Duration.ofHours(hour)).plusSeconds(300));
      // A token lasts an hour by the server's clock.
      token = server.token("operator", TestServer.PASSWORD);
      List<String> batch = new ArrayList<>();
      int size = 3 + (hour * 5) % 4;
      for (int i = 0; i < size; i++) {
        String circuit = (i % 2 == 0 ? "MFN-" : "OSN-") + (100100 + hour * 10 + i);
        String outcome = i == 1 && hour % 3 == 1 ? ",\"outcome\":\"failed\"" : "";
        batch.add(body("{\"circuit_number\":\"" + circuit + "\"" + outcome + "}", null));
      }
      batch.add(
          body("{\"circuit_number\":\"OCT-" + (500000 + hour) + "\",\"outcome\":\"flaky\"}", null));
      var created =
          server.sendJson("POST", "/jobs", "{\"jobs\":[" + String.join(",", batch) + "]}", token);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonNode made = server.body(created).path("jobs");
      flaky = made.get(made.size() - 1).path("id").asLong();
      awaitNone("QUEUED,CLAIMED,RUNNING");
      clock.advance(Duration.ofMinutes(5));
      post("/process");
      awaitNone("SCHEDULED,QUEUED,CLAIMED,RUNNING");
    }
    return flaky;
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void awaitNone(String statuses) {
    browser.await(
        "no job " + statuses,
        () ->
            server.body(server.get("/jobs?status=" + statuses, token)).path("count").asInt() == 0);
  }

  private static String body(String parameters, String runAt) {
    return "{\"provider\":\"demo\",\"action\":\"check\",\"parameters\":"
        + parameters
        + (runAt == null ? "" : ",\"run_at\":\"" + runAt + "\"")
        + "}";
  }

  private static void submit(String parameters, String runAt) {
    var created = server.sendJson("POST", "/jobs", body(parameters, runAt), token);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  private static void post(String path) {
    var answer =
        server.send(
            server
                .request(path)
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token));
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
  }

  private static void save(String page) throws IOException {
    byte[] png = browser.screenshot("docs-" + page);
    Path target = Path.of("target", "dashboard-docs", page + ".png");
    Files.createDirectories(target.getParent());
    Files.write(target, png);
    String docs = System.getProperty("rpa.dashboard.docs");
    if (docs != null && !docs.isBlank()) {
      Path file = Path.of(docs, page + ".png");
      Files.createDirectories(file.getParent());
      Files.write(file, png);
    }
  }
}
