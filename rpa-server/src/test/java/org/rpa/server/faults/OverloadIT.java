package org.rpa.server.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;
import org.rpa.server.Cluster;

/**
 * One client sends {@value #RATE} job submits a second for {@value #SECONDS} seconds to one
 * orchestrator, whose limit is {@value #LIMIT} requests a minute per client address: beyond the
 * limit it answers 429 with {@code Retry-After} and the documented error body, stores nothing for
 * them, keeps every job it acknowledged, answers the admitted ones within a bounded p99, and
 * answers another client (another loopback address) meanwhile. On an H2 file and on PostgreSQL.
 */
class OverloadIT {
  private static final int RATE = 2_000;
  private static final int SECONDS = 10;
  private static final int LIMIT = 1_000;
  private static final int SENDERS = 32;
  private static final Duration ADMITTED_P99 = Duration.ofSeconds(5);
  private static final Duration OTHER_CLIENT_P99 = Duration.ofSeconds(1);

  @TempDir Path directory;

  @Test
  void h2_file() throws Exception {
    storm("H2", "jdbc:h2:file:" + directory.resolve("data/rpa").toAbsolutePath());
  }

  @Test
  @ExtendWith(PostgresExtension.class)
  void postgresql(PgDatabase database) throws Exception {
    storm("PostgreSQL", database.jdbcUrl());
  }

  @Test
  void past_max_connections_a_new_connection_waits_until_one_closes() throws Exception {
    try (var cluster =
        new Cluster(
            directory,
            "jdbc:h2:file:" + directory.resolve("data/rpa").toAbsolutePath(),
            Duration.ofMinutes(2))) {
      int port = Cluster.freePort();
      var orchestrator =
          cluster.orchestrator(
              "orchestrator", port, List.of(), Map.of("MAX_CONNECTIONS", "4", "MAX_WORKERS", "1"));
      // Up, asked on connections that close: the cluster's own client would keep one open.
      cluster.await(
          "the orchestrator up",
          () -> {
            assertThat(orchestrator.isAlive()).as(cluster.logs()).isTrue();
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
              probe.setSoTimeout(5_000);
              probe.getOutputStream().write(liveRequest(true));
              return new String(probe.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                  .startsWith("HTTP/1.1 200");
            } catch (IOException notYet) {
              return false;
            }
          });
      var held = new ArrayList<Socket>();
      try {
        for (int i = 0; i < 4; i++) {
          Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
          socket.setSoTimeout(10_000);
          // a complete request, so that the server has taken this connection before the next
          socket.getOutputStream().write(liveRequest(false));
          assertThat(readHead(socket)).startsWith("HTTP/1.1 200");
          held.add(socket);
        }
        try (Socket waiting = new Socket(InetAddress.getLoopbackAddress(), port)) {
          waiting.getOutputStream().write(liveRequest(true));
          waiting.setSoTimeout(1_000);
          assertThatThrownBy(() -> waiting.getInputStream().read())
              .as("the fifth connection is not served while four are open")
              .isInstanceOf(java.net.SocketTimeoutException.class);
          held.remove(0).close();
          waiting.setSoTimeout(10_000);
          assertThat(new String(waiting.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
              .as("served once one closed")
              .startsWith("HTTP/1.1 200");
        }
      } finally {
        for (Socket socket : held) {
          socket.close();
        }
      }
    }
  }

  private static byte[] liveRequest(boolean close) {
    return ("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + (close ? "Connection: close\r\n" : "")
            + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Reads one answer to {@code /health/live} (a small body with a Content-Length) off a kept
   * connection.
   */
  private static String readHead(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    var text = new StringBuilder();
    int length = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        return text.toString();
      }
      text.append((char) b);
      int end = text.indexOf("\r\n\r\n");
      if (end >= 0) {
        if (length < 0) {
          java.util.regex.Matcher m =
              java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
          length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        }
        if (text.length() >= end + 4 + length) {
          return text.toString();
        }
      }
    }
  }

  private record Answer(
      long sentNanos, long tookNanos, int status, String retryAfter, String body) {}

  private void storm(String engine, String databaseUrl) throws Exception {
    try (var cluster = new Cluster(directory, databaseUrl, Duration.ofMinutes(3))) {
      int orchestratorPort = Cluster.freePort();
      int workerPort = Cluster.freePort();
      var worker =
          cluster.worker("worker", workerPort, orchestratorPort, Map.of("MAX_WORKERS", "8"));
      var orchestrator =
          cluster.orchestrator(
              orchestratorPort,
              List.of(workerPort),
              Map.of("RATE_LIMIT_PER_MINUTE", String.valueOf(LIMIT)));
      String base = "http://127.0.0.1:" + orchestratorPort;
      cluster.awaitUp(worker, "http://127.0.0.1:" + workerPort + "/status");
      cluster.awaitUp(orchestrator, base + "/health");
      String token = cluster.adminToken(base);

      var answers = new ConcurrentLinkedQueue<Answer>();
      var failures = new ConcurrentLinkedQueue<String>();
      var otherClient = new ConcurrentLinkedQueue<Long>();
      var otherFailures = new ConcurrentLinkedQueue<String>();
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest.Builder submit =
          HttpRequest.newBuilder(URI.create(base + "/jobs"))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json");
      long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
      long total = (long) RATE * SECONDS;
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
      long end = start + TimeUnit.SECONDS.toNanos(SECONDS);
      ExecutorService senders = Executors.newFixedThreadPool(SENDERS + 1);
      var done = new ArrayList<Future<?>>();
      for (int t = 0; t < SENDERS; t++) {
        int sender = t;
        done.add(
            senders.submit(
                () -> {
                  // Request i is due at start + i × interval, whenever the one before it ended:
                  // a slow answer shows as latency, not as a lower offered rate.
                  for (long i = sender; i < total; i += SENDERS) {
                    long due = start + i * interval;
                    parkUntil(due);
                    String body =
                        "{\"provider\":\"demo\",\"action\":\"echo\",\"parameters\":{\"n\":"
                            + i
                            + "}}";
                    try {
                      HttpResponse<String> response =
                          client.send(
                              submit.copy().POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                              HttpResponse.BodyHandlers.ofString());
                      answers.add(
                          new Answer(
                              due,
                              System.nanoTime() - due,
                              response.statusCode(),
                              response.headers().firstValue("Retry-After").orElse(null),
                              response.body()));
                    } catch (IOException e) {
                      failures.add(e.toString());
                    }
                  }
                  return null;
                }));
      }
      done.add(
          senders.submit(
              () -> {
                for (long at = start; at < end; at += TimeUnit.MILLISECONDS.toNanos(200)) {
                  parkUntil(at);
                  Object took = liveFromAnotherAddress(orchestratorPort);
                  if (took instanceof Long nanos) {
                    otherClient.add(nanos);
                  } else {
                    otherFailures.add(String.format("at +%.1f s: %s", (at - start) / 1e9, took));
                  }
                }
                return null;
              }));
      for (Future<?> future : done) {
        future.get(120, TimeUnit.SECONDS);
      }
      double behind = Math.max(0, (System.nanoTime() - end) / 1e9);
      senders.shutdownNow();

      System.out.printf(
          "%s: %d answers, %d without an answer (first: %s); another client failed %d times: %s%n",
          engine,
          answers.size(),
          failures.size(),
          failures.stream().findFirst().orElse("-"),
          otherFailures.size(),
          otherFailures);
      assertThat(failures).as("requests that got no answer").isEmpty();
      assertThat(otherFailures).as("another client's calls that got no answer").isEmpty();
      assertThat(answers).hasSize((int) total);
      List<Answer> created = answers.stream().filter(a -> a.status() == 201).toList();
      List<Answer> refused = answers.stream().filter(a -> a.status() == 429).toList();
      assertThat(created.size() + refused.size()).as("only 201 and 429").isEqualTo((int) total);
      assertThat(created.size()).as("admitted within the limit").isBetween(1, LIMIT);
      for (Answer answer : refused) {
        JsonNode error = cluster.json.readTree(answer.body());
        assertThat(error.path("error_type").asText())
            .as(error.toString())
            .isEqualTo("RateLimitError");
        assertThat(error.path("detail").asText()).isNotBlank();
        assertThat(answer.retryAfter()).as("Retry-After").isNotNull();
        assertThat(Integer.parseInt(answer.retryAfter())).isBetween(1, 60);
      }

      List<Long> ids = new ArrayList<>();
      for (Answer answer : created) {
        ids.add(cluster.json.readTree(answer.body()).path("id").asLong());
      }
      cluster.await(
          "every acknowledged job COMPLETED",
          () ->
              currentCounts(cluster, orchestratorPort).path("completed_jobs").asLong()
                  >= ids.size());
      // Stopped, so that the test may open an H2 file as well as a PostgreSQL database.
      orchestrator.destroy();
      worker.destroy();
      assertThat(orchestrator.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(cluster.count("SELECT COUNT(*) FROM jobs"))
          .as("a job for each 201 and none for a 429")
          .isEqualTo(ids.size());
      assertThat(cluster.count("SELECT COUNT(*) FROM jobs WHERE status = 'COMPLETED'"))
          .isEqualTo(ids.size());
      assertThat(
              cluster.count(
                  "SELECT COUNT(DISTINCT job_id) FROM job_executions WHERE status = 'SUCCESS'"))
          .as("each acknowledged job succeeded")
          .isEqualTo(ids.size());
      assertThat(cluster.count("SELECT COUNT(*) FROM job_executions WHERE status = 'SUCCESS'"))
          .as("and once")
          .isEqualTo(ids.size());

      long[] admitted = created.stream().mapToLong(Answer::tookNanos).sorted().toArray();
      long[] shed = refused.stream().mapToLong(Answer::tookNanos).sorted().toArray();
      long[] other = otherClient.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf(
          "overload on %s: %d req/s for %d s from %d connections (the last answer %.1f s after); %d admitted (p50 %.1f ms, p99 %.1f ms),"
              + " %d refused with 429 (p99 %.1f ms); another client's /health/live p99 %.1f ms"
              + " over %d calls; all %d acknowledged jobs COMPLETED once%n",
          engine,
          RATE,
          SECONDS,
          SENDERS,
          behind,
          admitted.length,
          millis(admitted, 0.50),
          millis(admitted, 0.99),
          shed.length,
          millis(shed, 0.99),
          millis(other, 0.99),
          other.length,
          ids.size());
      assertThat(Duration.ofNanos((long) (millis(admitted, 0.99) * 1e6)))
          .as("the admitted submits' p99")
          .isLessThanOrEqualTo(ADMITTED_P99);
      assertThat(Duration.ofNanos((long) (millis(other, 0.99) * 1e6)))
          .as("another client's p99 during the storm")
          .isLessThanOrEqualTo(OTHER_CLIENT_P99);
    }
  }

  private static void parkUntil(long due) {
    for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  /**
   * GET /health/live from 127.0.0.2, a client address the storm does not use: its duration, or the
   * reason it got no answer.
   */
  private static Object liveFromAnotherAddress(int port) {
    long start = System.nanoTime();
    try {
      String answer = getFromAnotherAddress(port, "/health/live");
      if (!answer.startsWith("HTTP/1.1 200")) {
        return answer.lines().findFirst().orElse("(empty)");
      }
    } catch (IOException e) {
      return e.toString();
    }
    return System.nanoTime() - start;
  }

  /** The whole answer, status line to body, to a GET of {@code path} from 127.0.0.2. */
  private static String getFromAnotherAddress(int port, String path) throws IOException {
    try (var socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The counts of {@code GET /metrics}' {@code current}, read from 127.0.0.2. */
  private static JsonNode currentCounts(Cluster cluster, int port) {
    try {
      String answer = getFromAnotherAddress(port, "/metrics");
      return cluster
          .json
          .readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4))
          .path("current");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static double millis(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }
}
