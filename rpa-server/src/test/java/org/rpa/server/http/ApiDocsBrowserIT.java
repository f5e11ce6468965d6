package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.server.TestServer;

/**
 * /docs and /redoc in a real headless Chromium (a child process, {@code /usr/bin/chromium}) under
 * their Content-Security-Policy: each renders the operations of /openapi.json, and the browser's
 * console shows no CSP violation but one: ReDoc's sidebar credit fetches Redocly's logo from its
 * CDN whatever the options, the policy blocks that third-party request by design, and ReDoc hides
 * the image. Screenshots go to target/api-docs.png and target/api-redoc.png.
 */
class ApiDocsBrowserIT {
  private static final String REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
  private static TestServer server;
  @TempDir Path profile;

  @BeforeAll
  static void start() {
    server = new TestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void swagger_ui_renders_the_operations_under_its_csp() throws Exception {
    Rendered page = render("/docs", "docs");

    assertThat(page.dom()).contains("opblock", "/jobs/{id}");
    assertThat(page.violations()).isEmpty();
  }

  @Test
  void redoc_renders_the_operations_under_its_csp() throws Exception {
    Rendered page = render("/redoc", "redoc");

    assertThat(page.dom()).contains("data-section-id", "rpa orchestrator");
    assertThat(page.violations()).allMatch(line -> line.contains("'" + REDOCLY_LOGO + "'"));
  }

  /** The DOM after the page's scripts ran, and the console lines about the CSP. */
  record Rendered(String dom, List<String> violations) {}

  private Rendered render(String page, String name) throws Exception {
    String url = server.base() + page;
    Path shot = Path.of("target", "api-" + name + ".png").toAbsolutePath();
    Files.createDirectories(shot.getParent());
    chromium(List.of("--screenshot=" + shot, url), name + "-shot");
    assertThat(shot).isRegularFile();
    Path out = profile.resolve(name + ".dom");
    Path err = chromium(List.of("--dump-dom", url), name, out);
    var violations = new ArrayList<String>();
    for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
      if (line.contains("CONSOLE")
          && (line.contains("Content Security Policy") || line.contains("Refused to"))) {
        violations.add(line);
      }
    }
    System.out.println(page + " CSP console lines: " + violations);
    return new Rendered(Files.readString(out, StandardCharsets.UTF_8), violations);
  }

  private Path chromium(List<String> arguments, String name) throws Exception {
    return chromium(arguments, name, profile.resolve(name + ".out"));
  }

  /** Runs headless Chromium to the end; returns the file holding its log. */
  private Path chromium(List<String> arguments, String name, Path out) throws Exception {
    var command =
        new ArrayList<>(
            List.of(
                "/usr/bin/chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--window-size=1280,900",
                "--hide-scrollbars",
                "--user-data-dir=" + profile.resolve("chromium-" + name),
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=20000"));
    command.addAll(arguments);
    Path err = profile.resolve(name + ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish for " + name);
    }
    assertThat(process.exitValue()).as(Files.readString(err)).isZero();
    return err;
  }
}
