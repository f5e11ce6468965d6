package org.rpa.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.rpa.core.testing.MutableClock;
import org.rpa.sandbox.SandboxPortals;
import org.rpa.server.TestServer;

/**
 * The dashboard in a real headless Chromium against real servers: one that runs jobs ({@code
 * demo.check} in its in-process worker, with a screenshot a real Chromium took of a sandbox portal)
 * and one that only queues them. Each test drives the page as a user would, checks what the API
 * says afterwards, and saves a screenshot of its page under {@code target/dashboard/}. The live
 * path (a WebSocket) and the polling it falls back to are both accepted: the tests wait for what
 * the page shows, without reloading it.
 */
class DashboardIT {
  private static final String[] LIVE_STATES = {"Live", "live updates unavailable"};
  private static MutableClock clock;
  private static PortalCheck check;
  private static TestServer working;
  private static TestServer queueOnly;
  private static DashboardBrowser browser;

  @BeforeAll
  static void start() {
    clock = MutableClock.at("2026-01-05T09:00:00Z");
    check = new PortalCheck(clock);
    working =
        new TestServer(
            Map.of("MAX_WORKERS", "2"),
            clock,
            null,
            builder -> builder.handler(PortalCheck.PROVIDER, PortalCheck.ACTION, check));
    check.evidence.set(working.server.automation().evidence());
    queueOnly = new TestServer();
    browser = new DashboardBrowser();
    try (SandboxPortals portals = SandboxPortals.start()) {
      browser.driver.get(portals.url("mfn"));
      check.screenshot.set(((TakesScreenshot) browser.driver).getScreenshotAs(OutputType.BYTES));
    }
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    working.close();
    queueOnly.close();
  }

  @Test
  void a_wrong_password_is_refused_and_the_right_one_opens_the_overview() {
    browser.open(working.base(), "#/overview");
    browser.script("sessionStorage.clear()");
    browser.driver.navigate().refresh();
    browser.await("the login form", () -> browser.visible(By.id("username"))).sendKeys("admin");
    browser.driver.findElement(By.id("password")).sendKeys("not the password");
    browser.click(By.id("login-submit"));
    browser.awaitText(By.id("login-error"), "Incorrect username or password");
    browser.screenshot("login-refused");

    browser.login(working.base(), "admin", TestServer.ADMIN_PASSWORD);

    browser.awaitText(By.cssSelector("#page-overview h1"), "Overview");
    browser.await("the fleet tiles", () -> browser.visible(By.id("tile-queue")));
    assertThat(browser.text(By.id("who"))).isEqualTo("admin (admin)");
    browser.await("the live state", () -> liveState());
    browser.screenshot("overview");
  }

  @Test
  void the_login_works_from_the_keyboard_alone() {
    browser.open(working.base(), "#/overview");
    browser.script("sessionStorage.clear()");
    browser.driver.navigate().refresh();
    browser.await("the login form", () -> browser.visible(By.id("username")));
    WebElement focused =
        browser.await("the user name focused", () -> browser.driver.switchTo().activeElement());
    assertThat(focused.getAttribute("id")).isEqualTo("username");
    focused.sendKeys("viewer" + Keys.TAB);
    browser.driver.switchTo().activeElement().sendKeys(TestServer.PASSWORD + Keys.ENTER);

    browser.await("the navigation", () -> browser.visible(By.id("nav")));
    assertThat(browser.text(By.id("who"))).isEqualTo("viewer (viewer)");
    assertThat(browser.driver.switchTo().activeElement().getText()).isEqualTo("Overview");
    browser.screenshot("overview-viewer");
  }

  @Test
  void a_job_submitted_over_http_appears_and_changes_status_without_a_reload() {
    browser.login(working.base(), "operator", TestServer.PASSWORD);
    browser.go("#/jobs");
    browser.awaitText(By.cssSelector("#page-jobs h1"), "Jobs");
    browser.script("window.loadedOnce = 'still the same page'");
    String token = working.token("operator", TestServer.PASSWORD);

    long id = submit(working, token, "{\"circuit_number\":\"MFN-100001\",\"hold\":true}");

    By status = By.cssSelector("tr[data-job-id='" + id + "'] td.status");
    browser.await("job " + id + " RUNNING in the table", () -> statusIs(status, "RUNNING"));
    browser.screenshot("jobs-running");
    check.gate.release();
    browser.await("job " + id + " COMPLETED in the table", () -> statusIs(status, "COMPLETED"));
    assertThat(browser.script("return window.loadedOnce")).isEqualTo("still the same page");
    assertThat(browser.text(By.id("live"))).isIn((Object[]) LIVE_STATES);
    browser.screenshot("jobs");
  }

  @Test
  void a_jobs_page_shows_its_steps_log_and_screenshot_and_retries_it() {
    String token = working.token("operator", TestServer.PASSWORD);
    long id = submit(working, token, "{\"circuit_number\":\"MFN-100002\"}");
    awaitStatus(working, token, id, "COMPLETED");
    browser.login(working.base(), "operator", TestServer.PASSWORD);

    browser.go("#/jobs/" + id);

    List<String> image =
        browser.await(
            "the screenshot shown",
            () -> {
              WebElement shot = browser.visible(By.cssSelector("#job-screenshots img"));
              return shot != null
                      && ((Number) browser.script("return arguments[0].naturalWidth", shot))
                              .intValue()
                          > 0
                  ? List.of(shot.getAttribute("src"), shot.getAttribute("alt"))
                  : null;
            });
    assertThat(image.get(0)).startsWith("blob:");
    assertThat(image.get(1)).isEqualTo("Screenshot 0001-circuit-status.png");
    String healed = browser.text(By.cssSelector("li[data-healing='HEALED']"));
    assertThat(healed).contains("Find circuit field", "HEALED", "1.2 s");
    assertThat(browser.driver.findElements(By.cssSelector("#job-executions li.step"))).hasSize(5);
    assertThat(browser.text(By.id("job-executions")))
        .contains("SUCCESS", "Circuit MFN-100002 is active");
    assertThat(browser.text(By.id("job-parameters")))
        .contains("\"circuit_number\": \"MFN-100002\"");
    browser.screenshot("job");

    browser.click(By.id("retry"));

    String heading =
        browser.await(
            "the new job's page",
            () -> {
              WebElement h1 = browser.visible(By.cssSelector("#page-job h1"));
              return h1 != null && !h1.getText().startsWith("Job " + id + " ")
                  ? h1.getText()
                  : null;
            });
    long retried = Long.parseLong(heading.replaceAll("(?s)^Job (\\d+) .*$", "$1"));
    JsonNode copy = working.body(working.get("/jobs/" + retried, token));
    assertThat(copy.path("parameters").path("circuit_number").asText()).isEqualTo("MFN-100002");
    assertThat(copy.path("workflow_id").asText()).isEqualTo("demo.check");
  }

  @Test
  void an_operator_cancels_a_queued_job() {
    String token = queueOnly.token("operator", TestServer.PASSWORD);
    var created =
        queueOnly.sendJson(
            "POST",
            "/jobs",
            "{\"provider\":\"osn\",\"action\":\"validation\",\"parameters\":{\"circuit_number\":\"OSN-7\"}}",
            token);
    long id = queueOnly.body(created).path("id").asLong();
    assertThat(queueOnly.body(created).path("status").asText()).isEqualTo("QUEUED");
    browser.login(queueOnly.base(), "operator", TestServer.PASSWORD);
    browser.go("#/jobs/" + id);
    browser.await("the QUEUED job", () -> headingStatus("QUEUED"));

    browser.click(By.id("cancel"));
    browser.await("the confirmation", () -> browser.visible(By.id("confirm-cancel"))).click();

    browser.await("the job CANCELLED", () -> headingStatus("CANCELLED"));
    browser.awaitText(By.id("job-notice"), "Job " + id + " is CANCELLED.");
    assertThat(queueOnly.body(queueOnly.get("/jobs/" + id, token)).path("status").asText())
        .isEqualTo("CANCELLED");
    assertThat(browser.enabled(By.id("cancel")))
        .as("a final job cannot be cancelled again")
        .isFalse();
    browser.screenshot("job-cancelled");
  }

  @Test
  void the_filters_and_the_pages_narrow_the_job_list() {
    String token = queueOnly.token("operator", TestServer.PASSWORD);
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 27; i++) {
      jobs.add("{\"provider\":\"evotel\",\"action\":\"cancellation\"}");
    }
    jobs.add("{\"provider\":\"evotel\",\"action\":\"validation\"}");
    var created =
        queueOnly.sendJson("POST", "/jobs", "{\"jobs\":[" + String.join(",", jobs) + "]}", token);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    browser.login(queueOnly.base(), "operator", TestServer.PASSWORD);
    browser.go("#/jobs");
    browser.await("the filters", () -> browser.visible(By.id("job-filters")));

    browser.click(By.cssSelector("#filter-status option[value='QUEUED']"));
    browser.driver.findElement(By.id("filter-provider")).sendKeys("evotel");
    browser.driver.findElement(By.id("filter-action")).sendKeys("cancellation" + Keys.ENTER);

    browser.await(
        "a page of 25 evotel cancellations",
        () -> {
          List<WebElement> rows =
              browser.driver.findElements(By.cssSelector("#jobs-table tbody tr"));
          return rows.size() == 25
              && rows.stream().allMatch(row -> row.getText().contains("evotel.cancellation"));
        });
    assertThat(browser.driver.getCurrentUrl())
        .endsWith("#/jobs?status=QUEUED&provider=evotel&action=cancellation");
    browser.click(By.cssSelector("button[data-key='next']"));
    browser.awaitText(By.id("page-number"), "Page 2 · 2 jobs shown");
    assertThat(browser.driver.findElements(By.cssSelector("#jobs-table tbody tr"))).hasSize(2);
    browser.click(By.cssSelector("button[data-key='previous']"));
    browser.awaitText(By.id("page-number"), "Page 1 · 25 jobs shown");

    browser.go("#/jobs?provider=evotel&to=2025-12-31");
    browser.awaitText(By.id("jobs-list"), "No job matches these filters.");
    assertThat(browser.driver.findElement(By.id("filter-to")).getAttribute("value"))
        .isEqualTo("2025-12-31");
    browser.screenshot("jobs-filtered");
  }

  @Test
  void an_operator_restarts_a_supervised_loop() {
    browser.login(working.base(), "operator", TestServer.PASSWORD);
    browser.go("#/supervisor");
    browser.click(By.cssSelector("button[data-key='restart-queue_monitor']"));

    browser.awaitText(By.id("supervisor-notice"), "Worker 'queue_monitor' restarted successfully");
    browser.await(
        "the restart in the history",
        () -> {
          WebElement history = browser.visible(By.id("restart-history"));
          return history != null && history.getText().contains("queue_monitor manual");
        });
    String token = working.token("operator", TestServer.PASSWORD);
    JsonNode items =
        working
            .body(
                working.get(
                    "/api/system/supervisor/restart-history?worker_name=queue_monitor", token))
            .path("items");
    assertThat(items.get(0).path("status").asText()).isEqualTo("manual");
    browser.screenshot("supervisor");
  }

  @Test
  void an_alert_fires_and_resolves_on_the_alerts_page() {
    browser.login(queueOnly.base(), "admin", TestServer.ADMIN_PASSWORD);
    browser.go("#/alerts");
    By quiet = By.cssSelector("tr[data-alert='NoRecentExecutions']");
    browser.await("the alert rules", () -> browser.visible(quiet));
    String token = queueOnly.adminToken();
    String later = queueOnly.clock.instant().plusSeconds(3_600).toString();
    var created =
        queueOnly.sendJson(
            "POST",
            "/jobs",
            "{\"provider\":\"mfn\",\"action\":\"validation\",\"run_at\":\"" + later + "\"}",
            token);
    long id = queueOnly.body(created).path("id").asLong();

    queueOnly.server.orchestrator().alerts().evaluate();

    browser.await("NoRecentExecutions firing", () -> state(quiet, "firing"));
    assertThat(browser.driver.findElement(quiet).getText())
        .contains("no execution in the last 5m while 1 jobs are scheduled");
    browser.screenshot("alerts-firing");
    queueOnly.send(
        queueOnly.request("/jobs/" + id).DELETE().header("Authorization", "Bearer " + token));

    queueOnly.server.orchestrator().alerts().evaluate();

    browser.await("NoRecentExecutions resolved", () -> state(quiet, "resolved"));
    browser.screenshot("alerts-resolved");
  }

  @Test
  void a_viewer_sees_every_page_and_may_use_no_action_which_the_api_refuses_too() {
    String operator = working.token("operator", TestServer.PASSWORD);
    long id = submit(working, operator, "{\"circuit_number\":\"MFN-100003\"}");
    awaitStatus(working, operator, id, "COMPLETED");
    browser.login(working.base(), "viewer", TestServer.PASSWORD);

    browser.go("#/jobs/" + id);
    browser.await("the job page", () -> headingStatus("COMPLETED"));
    assertThat(browser.enabled(By.id("retry"))).isFalse();
    assertThat(browser.enabled(By.id("cancel"))).isFalse();
    assertThat(browser.text(By.id("read-only")))
        .contains("Your role (viewer) may not retry or cancel jobs.");
    browser.await("its screenshot", () -> browser.visible(By.cssSelector("#job-screenshots img")));
    browser.screenshot("viewer-job");
    browser.go("#/supervisor");
    By restart = By.cssSelector("button[data-key='restart-scheduler']");
    browser.await("the supervisor page", () -> browser.visible(restart));
    assertThat(browser.enabled(restart)).isFalse();
    browser.go("#/breakers");
    browser.await("the breakers page", () -> browser.visible(By.id("breakers-list")));

    String viewer = working.token("viewer", TestServer.PASSWORD);
    var refused =
        working.send(
            working
                .request("/api/system/supervisor/workers/scheduler/restart")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + viewer));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(
            working
                .send(
                    working
                        .request("/jobs/" + id)
                        .DELETE()
                        .header("Authorization", "Bearer " + viewer))
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void every_page_renders_under_its_policy_without_a_violation() {
    browser.policyViolations();
    browser.login(working.base(), "admin", TestServer.ADMIN_PASSWORD);
    String[][] pages = {
      {"#/overview", "Overview"},
      {"#/jobs", "Jobs"},
      {"#/robots", "Robots"},
      {"#/schedules", "Schedules"},
      {"#/supervisor", "Supervisor"},
      {"#/breakers", "Circuit breakers"},
      {"#/alerts", "Alerts"},
    };
    browser.go("#/overview");
    browser.await(
        "the trend chart drawn", () -> browser.visible(By.cssSelector("#trend-chart canvas")));
    for (String[] page : pages) {
      browser.go(page[0]);
      browser.awaitText(By.cssSelector("#view h1"), page[1]);
      browser.await(
          "the navigation marking " + page[1],
          () ->
              browser
                  .driver
                  .findElement(By.cssSelector("#nav a[aria-current='page']"))
                  .getText()
                  .equals(page[1]));
    }

    assertThat(browser.policyViolations()).isEmpty();
    browser.screenshot("alerts-admin");
    browser.script(
        "const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
            + " document.head.append(s);");
    assertThat(browser.script("return window.ran === undefined")).isEqualTo(true);
    assertThat(browser.policyViolations())
        .as("an inline script is refused, and the console says so")
        .anyMatch(line -> line.contains("inline script") && line.contains("blocked"));
  }

  private static boolean liveState() {
    String text = browser.text(By.id("live"));
    return text.equals(LIVE_STATES[0]) || text.equals(LIVE_STATES[1]);
  }

  private static boolean statusIs(By cell, String status) {
    WebElement element = browser.visible(cell);
    return element != null && status.equals(element.getAttribute("data-status"));
  }

  private static boolean headingStatus(String status) {
    WebElement heading = browser.visible(By.cssSelector("#page-job h1"));
    return heading != null && status.equals(heading.getAttribute("data-status"));
  }

  private static boolean state(By row, String state) {
    WebElement element = browser.visible(row);
    return element != null && state.equals(element.getAttribute("data-state"));
  }

  private static long submit(TestServer server, String token, String parameters) {
    var created =
        server.sendJson(
            "POST",
            "/jobs",
            "{\"provider\":\"demo\",\"action\":\"check\",\"parameters\":" + parameters + "}",
            token);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return server.body(created).path("id").asLong();
  }

  private static void awaitStatus(TestServer server, String token, long id, String status) {
    browser.await(
        "job " + id + " " + status + " in the API",
        () -> status.equals(server.body(server.get("/jobs/" + id, token)).path("status").asText()));
  }
}
