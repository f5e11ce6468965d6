package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.sandbox.SandboxPortals;

/**
 * A first run as a new user makes it: the shaded jar in a fresh directory with {@code ./run}'s
 * defaults ({@code DEVELOPMENT_MODE=true}, the H2 file under {@code ./data}) and no portal
 * configured. It starts the demo portals and says so in its first log lines, without a password or
 * the TOTP secret; the README's own curl command submits the first job and seven more follow over
 * HTTP, one of each of the eight job types; each ends COMPLETED in a real headless Chromium with a
 * PNG screenshot under {@code ./data/evidence}. SIGTERM by PID then stops the server and its demo
 * portals.
 */
class FirstRunIT {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");

  /** Eight jobs on ./run's two browser sessions take about 40 s on two cores. */
  private static final Duration JOBS_DEADLINE = Duration.ofSeconds(100);

  private static final Pattern DEMO_LINE =
      Pattern.compile("Demo portal (\\w+) at (http://127\\.0\\.0\\.1:\\d+/\\w+)");

  @TempDir Path directory;

  @Test
  void runs_each_of_the_eight_job_types_to_completed_against_the_demo_portals() throws Exception {
    Map<String, String> sandboxSecrets = new LinkedHashMap<>();
    Map<String, List<String>> circuits = new LinkedHashMap<>();
    try (SandboxPortals reference = SandboxPortals.start()) {
      reference.variables().entrySet().stream()
          .filter(v -> v.getKey().endsWith("_PASSWORD") || v.getKey().endsWith("_TOTP_SECRET"))
          .forEach(v -> sandboxSecrets.put(v.getKey(), v.getValue()));
      for (String provider : SandboxPortals.PROVIDERS) {
        circuits.put(
            provider,
            List.of(reference.portal(provider).circuit(1), reference.portal(provider).circuit(2)));
      }
    }
    // ./run exports exactly these; HOST, MAX_WORKERS, BROWSER_MAX_SESSIONS keep their defaults.
    Map<String, String> runDefaults =
        Map.of("DEVELOPMENT_MODE", "true", "DATABASE_URL", "jdbc:h2:file:./data/rpa");
    Files.createDirectories(directory.resolve("data"));
    Map<String, String> logged;
    long readmeJob;
    List<Long> jobs = new ArrayList<>();
    try (ServerProcess server =
        ServerProcess.start(directory, ServerProcess.freePort(), runDefaults, List.of())) {
      server.awaitHealthy();

      logged = demoPortalsInTheFirstLogLines(server);
      assertThat(logged).containsOnlyKeys(SandboxPortals.PROVIDERS);
      JsonNode status = server.getJson("/status");
      assertThat(status.path("demo_portals").asBoolean()).as(status.toString()).isTrue();
      for (JsonNode portal : status.path("portals")) {
        assertThat(portal.path("source").asText()).isEqualTo("demo");
        assertThat(portal.path("url").asText())
            .isEqualTo(logged.get(portal.path("provider").asText()));
      }
      assertThat(status.path("portals").size()).isEqualTo(4);

      readmeJob = submitWithTheReadmesCommand(server);
      assertThat(circuits.get("mfn").get(0)).isEqualTo("MFN-100001");
      server.login("admin", "admin");
      jobs.add(readmeJob);
      for (String provider : SandboxPortals.PROVIDERS) {
        if (!provider.equals("mfn")) {
          jobs.add(server.submit(provider, "validation", circuits.get(provider).get(0)));
        }
        jobs.add(server.submit(provider, "cancellation", circuits.get(provider).get(1)));
      }

      JsonNode finished =
          server.await(
              "all eight jobs final",
              JOBS_DEADLINE,
              () -> server.getJson("/jobs?limit=50"),
              page ->
                  jobsIn(page).stream().allMatch(j -> FINAL.contains(j.path("status").asText())));
      assertThat(jobsIn(finished)).hasSize(8);
      Set<String> types = new TreeSet<>();
      for (long id : jobs) {
        JsonNode job = server.getJson("/jobs/" + id);
        String type = job.path("provider").asText() + "." + job.path("action").asText();
        types.add(type);
        assertThat(job.path("status").asText()).as(type + ": " + job).isEqualTo("COMPLETED");
        assertThat(job.path("attempts").asInt()).as(type).isEqualTo(1);
        assertThat(job.path("result").path("status").asText()).isEqualTo("success");
        if (job.path("action").asText().equals("cancellation")) {
          assertThat(job.path("result").path("details").path("cancellation_reference").asText())
              .as(type)
              .isNotBlank();
        } else {
          assertThat(job.path("result").path("details").path("service_status").asText())
              .as(type)
              .isEqualTo("Active");
        }
        assertScreenshot(server, id, type);
      }
      assertThat(types).hasSize(8).containsAll(expectedTypes());
    }
    String log = Files.readString(directory.resolve("server.log"));
    assertThat(log).contains("Demo portals stopped");
    for (var secret : sandboxSecrets.entrySet()) {
      assertThat(log).as("the log shows %s", secret.getKey()).doesNotContain(secret.getValue());
    }
  }

  /**
   * The demo portals each with its URL, from the log lines before the database is opened (its pool
   * logs {@code rpa-db - Starting}): what a user sees first.
   */
  private static Map<String, String> demoPortalsInTheFirstLogLines(ServerProcess server) {
    List<String> lines = server.logLines();
    int database = 0;
    while (database < lines.size() && !lines.get(database).contains("rpa-db - Starting")) {
      database++;
    }
    List<String> first = lines.subList(0, database);
    assertThat(first).as(server.log()).hasSizeLessThan(25);
    assertThat(first.get(0)).contains("DEVELOPMENT_MODE is on");
    assertThat(String.join("\n", first))
        .contains("No portal URL configured for mfn, osn, octotel, evotel")
        .contains("demo portals");
    Map<String, String> urls = new LinkedHashMap<>();
    for (String line : first) {
      Matcher demo = DEMO_LINE.matcher(line);
      if (demo.find()) {
        urls.put(demo.group(1), demo.group(2));
      }
    }
    assertThat(server.logLines().stream().filter(l -> l.contains("rpa-server listening on")))
        .singleElement()
        .asString()
        .endsWith("(demo portals for mfn, osn, octotel, evotel)");
    return urls;
  }

  /**
   * Runs the README's job command with bash, on this server's port instead of 8620; returns the id
   * of the job it printed.
   */
  private static long submitWithTheReadmesCommand(ServerProcess server) throws Exception {
    String command = readmeJobCommand().replace("localhost:8620", "localhost:" + server.port);
    Process bash = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).as("the README's command ends").isTrue();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.exitValue()).as(output).isZero();
    JsonNode job = server.json.readTree(output);
    assertThat(job.path("provider").asText()).as(output).isEqualTo("mfn");
    assertThat(job.path("action").asText()).isEqualTo("validation");
    return job.path("id").asLong();
  }

  /** The README's command that submits a job: the first {@code sh} block that posts to /jobs. */
  static String readmeJobCommand() throws IOException {
    Path readme = Path.of(System.getProperty("rpa.readme", "../README.md"));
    String text = Files.readString(readme);
    Matcher blocks = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(text);
    while (blocks.find()) {
      if (blocks.group(1).contains("localhost:8620/jobs")) {
        return blocks.group(1);
      }
    }
    throw new AssertionError("README.md has no sh block that submits a job");
  }

  private static List<JsonNode> jobsIn(JsonNode page) {
    return StreamSupport.stream(page.path("jobs").spliterator(), false).toList();
  }

  private static List<String> expectedTypes() {
    List<String> types = new ArrayList<>();
    for (String provider : RpaServer.PROVIDERS) {
      for (String action : RpaServer.ACTIONS) {
        types.add(provider + "." + action);
      }
    }
    return types;
  }

  /** The job's last screenshot downloads as a PNG, and its file is under ./data/evidence. */
  private void assertScreenshot(ServerProcess server, long id, String type) throws IOException {
    JsonNode shots = server.getJson("/jobs/" + id + "/screenshots");
    int count = shots.path("count").asInt();
    assertThat(count).as("screenshots of " + type).isPositive();
    HttpResponse<byte[]> png =
        server.getBytes(shots.path("screenshots").get(count - 1).path("url").asText());
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(Arrays.copyOf(png.body(), 8)).as(type).isEqualTo(PNG);
    assertThat(ImageIO.read(new ByteArrayInputStream(png.body()))).as(type).isNotNull();
    try (var files = Files.list(directory.resolve("data/evidence").resolve(String.valueOf(id)))) {
      assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).as(type).isPositive();
    }
  }
}
