package org.rpa.server.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.rpa.server.faults.Rig.Node;

/**
 * A crowd of readers on every orchestrator and a watch of their connection pools, while a fault
 * holds: {@link #READERS} clients per orchestrator read {@code GET /jobs?limit=5} one request after
 * another, as dashboards and scripts do, and every 250 ms the test samples each orchestrator's
 * {@code connection_pool} ({@code GET /api/system/performance}, which reads no table). With the
 * jobs table locked, each read holds a connection while it waits, so the pools run dry: the
 * evidence is a sample with a request waiting for a connection. Not thread-safe: one fault uses it,
 * from the test's thread.
 */
final class PoolWatch {
  static final int READERS = 16;
  private static final Duration EVERY = Duration.ofMillis(250);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

  private final Rig rig;
  private final String token;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Integer> answers = new TreeMap<>();
  private final AtomicReference<String> refusal = new AtomicReference<>();
  private int samples;
  private int poolMax;
  private int mostActive;
  private int mostWaiting;

  /** A watch of {@code rig}'s orchestrators, with a token taken now (before any fault). */
  PoolWatch(Rig rig) throws IOException, InterruptedException {
    this.rig = rig;
    this.token = rig.token();
  }

  /**
   * Runs the crowd and samples the pools for {@code length} of wall time (the fault's window), then
   * stops the crowd and waits for its last answers.
   */
  void during(Duration length) throws InterruptedException {
    long until = System.nanoTime() + length.toNanos();
    ExecutorService crowd = Executors.newFixedThreadPool(READERS * rig.orchestrators.size());
    for (Node orchestrator : rig.orchestrators) {
      for (int i = 0; i < READERS; i++) {
        crowd.execute(() -> readUntil(orchestrator, until));
      }
    }
    while (System.nanoTime() < until) {
      for (Node orchestrator : rig.orchestrators) {
        sample(orchestrator);
      }
      LockSupport.parkNanos(EVERY.toNanos());
    }
    crowd.shutdown();
    if (!crowd.awaitTermination(READ_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
      crowd.shutdownNow();
    }
  }

  private void readUntil(Node orchestrator, long until) {
    while (System.nanoTime() < until) {
      var request =
          HttpRequest.newBuilder(URI.create(orchestrator.url() + "/jobs?limit=5"))
              .timeout(READ_TIMEOUT)
              .header("Authorization", "Bearer " + token)
              .build();
      String answer;
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        answer = String.valueOf(response.statusCode());
        if (response.statusCode() >= 500) {
          refusal.compareAndSet(null, answer + " " + response.body());
        }
      } catch (IOException e) {
        answer = e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      synchronized (answers) {
        answers.merge(answer, 1, Integer::sum);
      }
    }
  }

  private void sample(Node orchestrator) {
    var request =
        HttpRequest.newBuilder(URI.create(orchestrator.url() + "/api/system/performance"))
            .timeout(Duration.ofSeconds(1))
            .header("Authorization", "Bearer " + token)
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode pool = json.readTree(response.body()).path("connection_pool");
      if (response.statusCode() == 200 && pool.isObject()) {
        samples++;
        poolMax = Math.max(poolMax, pool.path("max").asInt());
        mostActive = Math.max(mostActive, pool.path("active").asInt());
        mostWaiting = Math.max(mostWaiting, pool.path("waiting").asInt());
      }
    } catch (IOException unanswered) {
      // a sample missed; the next one reads again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** True if some sample saw a request waiting for a connection of a pool with every one busy. */
  boolean exhausted() {
    return mostWaiting > 0 && mostActive >= poolMax;
  }

  /** The first 5xx a reader got, with its body, or null. */
  String refusal() {
    return refusal.get();
  }

  /** What the samples and the crowd saw, for the matrix's target column. */
  String summary() {
    synchronized (answers) {
      return String.format(
          "pools up to %d of %d busy, %d waiting; readers' answers %s",
          mostActive, poolMax, mostWaiting, answers);
    }
  }
}
