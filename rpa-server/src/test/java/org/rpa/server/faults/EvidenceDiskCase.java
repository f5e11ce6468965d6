package org.rpa.server.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.assertj.core.api.SoftAssertions;
import org.rpa.core.testing.disk.SmallDisk;
import org.rpa.sandbox.SandboxPortals;
import org.rpa.server.Cluster;

/**
 * DiskFullIT's second case: browser flows (headless Chromium against the sandbox portals) on an
 * orchestrator whose {@code EVIDENCE_DIR} is a small tmpfs, filled while the flows run. An attempt
 * whose screenshot cannot be written fails with the disk's reason and is retried; once the filler
 * is gone the retries complete, and every listed screenshot downloads as a whole PNG. Not
 * thread-safe: the test's thread drives it.
 */
final class EvidenceDiskCase {
  static final int DISK_MEGABYTES = 16;
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");
  private static final String FULL = "No space left on device";

  private final SandboxPortals portals;
  private final SmallDisk disk;
  private final Cluster cluster;
  private final Path logs;
  private final SoftAssertions soft;
  private final Map<Long, String> acknowledged = new LinkedHashMap<>();
  private final List<String> refusals = new ArrayList<>();
  private Http http;
  private int circuit;

  EvidenceDiskCase(
      SandboxPortals portals, SmallDisk disk, Cluster cluster, Path logs, SoftAssertions soft) {
    this.portals = portals;
    this.disk = disk;
    this.cluster = cluster;
    this.logs = logs;
    this.soft = soft;
  }

  /** Runs the case and returns its row of the table. */
  String run(Path mount) throws Exception {
    int port = Cluster.freePort();
    String base = "http://127.0.0.1:" + port;
    var env = new HashMap<>(portals.variables());
    env.put("EVIDENCE_DIR", mount.resolve("evidence").toString());
    env.put("MAX_WORKERS", "2");
    env.put("BROWSER_MAX_SESSIONS", "2");
    Process orchestrator = cluster.orchestrator(port, List.of(), env);
    cluster.awaitUp(orchestrator, base + "/health");
    http = new Http(cluster, base, cluster.adminToken(base));
    Path evidence = disk.path().resolve("evidence");

    submit("mfn");
    submit("osn");
    // A flow notes its subject before it opens the browser, and takes its screenshot at the end:
    // the disk fills in between, with 16 KB left, so that the PNG is cut off half way.
    cluster.await("a flow in the browser, before its screenshot", () -> inBrowser(evidence));
    long filler = disk.fillLeaving(16 * 1024);
    System.out.printf("evidence disk full (filler %d bytes)%n", filler);
    submit("octotel");
    submit("evotel");
    cluster.await("two attempts failed on the full disk", () -> diskFailures().size() >= 2);
    disk.free();
    long freed = System.nanoTime();
    submit("mfn");
    submit("osn");
    cluster.await("every flow final", this::allFinal);
    Duration settled = Duration.ofNanos(System.nanoTime() - freed);
    return check(evidence, settled);
  }

  private String check(Path evidence, Duration settled) throws Exception {
    List<String> failures = diskFailures();
    failures.forEach(failure -> System.out.println("failed attempt: " + failure));
    int found = 0;
    int completed = 0;
    int twice = 0;
    for (long id : acknowledged.keySet()) {
      HttpResponse<String> answer = http.get("/jobs/" + id);
      if (answer.statusCode() != 200) {
        continue;
      }
      found++;
      JsonNode job = cluster.json.readTree(answer.body());
      completed += job.path("status").asText().equals("COMPLETED") ? 1 : 0;
      soft.assertThat(job.path("status").asText()).as("job %d: %s", id, job).isEqualTo("COMPLETED");
      long successes = 0;
      for (JsonNode execution : job.path("executions")) {
        successes += execution.path("status").asText().equals("SUCCESS") ? 1 : 0;
      }
      twice += successes > 1 ? 1 : 0;
      soft.assertThat(successes).as("job %d ran to success once", id).isEqualTo(1);
      checkScreenshots(id, evidence);
    }
    soft.assertThat(found).isEqualTo(acknowledged.size());
    soft.assertThat(failures).as("attempts that failed on the full disk").isNotEmpty();
    for (String failure : failures) {
      soft.assertThat(failure)
          .as("a failed attempt's error")
          .startsWith("EvidenceError: ")
          .contains(FULL);
    }
    soft.assertThat(refusals).as("submits refused (evidence is not the store)").isEmpty();
    return String.format(
        "| the evidence directory's disk full | %d | %d | %d | %d | %d attempts failed: %s |"
            + " every flow COMPLETED %,d ms after the space returned |",
        acknowledged.size(),
        found,
        completed,
        twice,
        failures.size(),
        failures.isEmpty() ? "none" : failures.get(0),
        settled.toMillis());
  }

  /**
   * Every listed screenshot is a whole PNG; the job's folder holds nothing else but its subject.
   */
  private void checkScreenshots(long id, Path evidence) throws Exception {
    JsonNode shots = cluster.json.readTree(http.get("/jobs/" + id + "/screenshots").body());
    soft.assertThat(shots.path("count").asInt()).as("job %d's screenshots", id).isPositive();
    var listed = new ArrayList<String>();
    for (JsonNode shot : shots.path("screenshots")) {
      listed.add(shot.path("name").asText());
      byte[] png = download(shot.path("url").asText());
      soft.assertThat(Arrays.copyOf(png, PNG.length)).as(shot.toString()).isEqualTo(PNG);
      soft.assertThat(ImageIO.read(new ByteArrayInputStream(png)))
          .as("%s decodes", shot.path("name").asText())
          .isNotNull();
      Path sample = logs.resolve("job-" + id + "-last.png");
      Files.write(sample, png);
    }
    try (Stream<Path> files = Files.list(evidence.resolve(Long.toString(id)))) {
      List<String> names =
          files
              .map(file -> file.getFileName().toString())
              .filter(name -> !name.equals("subject.sha256"))
              .sorted()
              .toList();
      soft.assertThat(names).as("job %d's folder", id).isEqualTo(listed);
    }
  }

  private byte[] download(String url) throws IOException {
    URI uri = URI.create(url.startsWith("http") ? url : http.base + url);
    try {
      return cluster
          .client
          .send(
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofSeconds(10))
                  .header("Authorization", "Bearer " + http.token)
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray())
          .body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** A validation flow, with its own idempotency key, sent again after a 5xx or no answer. */
  private void submit(String provider) throws Exception {
    String number = portals.portal(provider).circuit(++circuit);
    String key = "evidence-" + provider + "-" + circuit;
    String body =
        "{\"provider\":\""
            + provider
            + "\",\"action\":\"validation\",\"parameters\":{\"circuit_number\":\""
            + number
            + "\"}}";
    for (int attempt = 1; attempt <= Load.ATTEMPTS; attempt++) {
      int status;
      String answer;
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(http.base + "/jobs"))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        status = response.statusCode();
        answer = response.body();
      } catch (IOException noAnswer) {
        status = 0;
        answer = noAnswer.toString();
      }
      if (status == 201 || status == 200) {
        acknowledged.put(cluster.json.readTree(answer).path("id").asLong(), provider);
        return;
      }
      refusals.add(status + " " + answer);
      if (status != 0 && status < 500) {
        return;
      }
    }
  }

  /** The errors of the attempts that failed for the disk, or that failed at all. */
  private List<String> diskFailures() {
    var errors = new ArrayList<String>();
    for (long id : acknowledged.keySet()) {
      try {
        JsonNode job = cluster.json.readTree(http.get("/jobs/" + id).body());
        for (JsonNode execution : job.path("executions")) {
          JsonNode error = execution.path("error");
          if (!error.isMissingNode() && !error.isNull()) {
            errors.add(error.path("type").asText() + ": " + error.path("message").asText().strip());
          }
        }
      } catch (IOException notNow) {
        // asked again at the next poll
      }
    }
    return errors;
  }

  private boolean allFinal() {
    for (long id : acknowledged.keySet()) {
      try {
        JsonNode job = cluster.json.readTree(http.get("/jobs/" + id).body());
        if (!FINAL.contains(job.path("status").asText())) {
          return false;
        }
      } catch (IOException notNow) {
        return false;
      }
    }
    return true;
  }

  /** A job's folder holds its subject and no screenshot yet. */
  private static boolean inBrowser(Path evidence) {
    if (!Files.isDirectory(evidence)) {
      return false;
    }
    try (Stream<Path> folders = Files.list(evidence)) {
      for (Path folder : folders.toList()) {
        try (Stream<Path> files = Files.list(folder)) {
          List<String> names = files.map(file -> file.getFileName().toString()).toList();
          if (names.contains("subject.sha256")
              && names.stream().noneMatch(name -> name.endsWith(".png"))) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException | java.io.UncheckedIOException racing) {
      return false;
    }
  }
}
