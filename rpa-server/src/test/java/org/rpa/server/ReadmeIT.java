package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first screen on a fresh clone: {@code ./run} as typed (its defaults, no environment
 * of the test's), then the README's curl command, and the job it submits completes against the demo
 * portals with its screenshot under the clone's {@code ./data/evidence}. The clone gets the jar
 * this build made, newer than its sources, so that {@code ./run} starts it instead of building it
 * again.
 */
class ReadmeIT {
  private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");

  @TempDir Path directory;

  @Test
  void run_then_the_readme_s_curl_completes_a_demo_job_on_a_fresh_clone() throws Exception {
    Path clone = directory.resolve("rpa");
    git("clone", "--quiet", repositoryRoot().toString(), clone.toString());
    Path jar = clone.resolve("rpa-server/target/rpa-server.jar");
    Files.createDirectories(jar.getParent());
    Files.copy(
        Path.of(System.getProperty("rpa.server.jar", "target/rpa-server.jar")),
        jar,
        StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plus(Duration.ofHours(1))));

    try (ServerProcess server = ServerProcess.run(clone, ServerProcess.freePort())) {
      server.awaitHealthy();
      assertThat(server.log()).doesNotContain("Building ");

      String command =
          FirstRunIT.readmeJobCommand().replace("localhost:8620", "localhost:" + server.port);
      Process bash =
          new ProcessBuilder("bash", "-c", command)
              .directory(clone.toFile())
              .redirectErrorStream(true)
              .start();
      assertThat(bash.waitFor(30, TimeUnit.SECONDS)).as("the README's curl ends").isTrue();
      String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(bash.exitValue()).as(output).isZero();
      long id = server.json.readTree(output).path("id").asLong();
      assertThat(id).as(output).isPositive();

      server.login("admin", "admin");
      JsonNode job =
          server.await(
              "the README's job final",
              Duration.ofSeconds(90),
              () -> server.getJson("/jobs/" + id),
              j -> FINAL.contains(j.path("status").asText()));
      assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
      assertThat(server.getJson("/jobs/" + id + "/screenshots").path("count").asInt()).isPositive();
      try (var files = Files.list(clone.resolve("data/evidence").resolve(String.valueOf(id)))) {
        assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).isPositive();
      }
      assertThat(clone.resolve("data/rpa.mv.db")).as("./run's H2 file under ./data").exists();
    }
  }

  private static Path repositoryRoot() throws Exception {
    return Path.of(git("rev-parse", "--show-toplevel").trim());
  }

  private static String git(String... arguments) throws Exception {
    var command = new java.util.ArrayList<String>(List.of("git"));
    command.addAll(List.of(arguments));
    Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(git.waitFor(60, TimeUnit.SECONDS)).as("git " + arguments[0]).isTrue();
    String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(git.exitValue()).as("git " + String.join(" ", arguments) + ": " + output).isZero();
    return output;
  }
}
