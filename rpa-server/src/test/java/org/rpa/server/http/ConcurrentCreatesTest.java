package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/**
 * POST /jobs from many clients at once over real HTTP: concurrent creates share commits in the
 * core, and each client still gets its own job, committed, with the body a later read returns; a
 * client whose create is refused gets its own 4xx (400 for a bad field, 422 for a key used with
 * another body), and the others are not affected.
 */
class ConcurrentCreatesTest {
  private static final int CLIENTS = 16;
  private TestServer server;
  private String token;
  private ExecutorService clients;

  @BeforeEach
  void start() {
    server = new TestServer();
    token = server.adminToken();
    clients = Executors.newFixedThreadPool(CLIENTS);
  }

  @AfterEach
  void stop() {
    clients.shutdownNow();
    server.close();
  }

  @Test
  void concurrent_creates_each_get_their_own_committed_job() throws Exception {
    int rounds = 20;
    var start = new CyclicBarrier(CLIENTS);
    var calls = new ArrayList<Future<Map<Long, String>>>();
    for (int client = 0; client < CLIENTS; client++) {
      int me = client;
      calls.add(
          clients.submit(
              () -> {
                start.await();
                var mine = new HashMap<Long, String>();
                for (int round = 0; round < rounds; round++) {
                  String circuit = "C" + me + "X" + round;
                  HttpResponse<String> created = post(job(circuit), null);
                  assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                  JsonNode body = server.body(created);
                  assertThat(body.path("parameters").path("circuit_number").asText())
                      .isEqualTo(circuit);
                  mine.put(body.path("id").asLong(), created.body());
                }
                return mine;
              }));
    }
    var all = new HashMap<Long, String>();
    for (Future<Map<Long, String>> call : calls) {
      call.get(60, TimeUnit.SECONDS).forEach((id, body) -> assertThat(all.put(id, body)).isNull());
    }
    assertThat(all).hasSize(CLIENTS * rounds);
    assertThat(server.jobCount()).isEqualTo(CLIENTS * rounds);
    for (Map.Entry<Long, String> created : all.entrySet()) {
      HttpResponse<String> read = server.get("/jobs/" + created.getKey(), token);
      JsonNode stored = server.body(read);
      JsonNode answered = server.json.readTree(created.getValue());
      ((com.fasterxml.jackson.databind.node.ObjectNode) stored).remove("executions");
      ((com.fasterxml.jackson.databind.node.ObjectNode) answered).remove("executions");
      assertThat(answered).as("the 201's body is the job as stored").isEqualTo(stored);
    }
    var metrics = server.get("/metrics/prometheus", token);
    assertThat(counter(metrics.body(), "rpa_submit_calls_total"))
        .isEqualTo((double) CLIENTS * rounds);
    assertThat(counter(metrics.body(), "rpa_submit_commits_total"))
        .isBetween(1.0, (double) CLIENTS * rounds);
  }

  @Test
  void concurrent_creates_with_one_key_make_one_job_and_refuse_another_body() throws Exception {
    List<HttpResponse<String>> same = atOnce(i -> post(job("SAME"), "order-1"));
    assertThat(same).extracting(HttpResponse::statusCode).containsOnly(200, 201);
    assertThat(same.stream().filter(r -> r.statusCode() == 201)).hasSize(1);
    assertThat(same.stream().map(r -> server.body(r).path("id").asLong()).distinct()).hasSize(1);

    List<HttpResponse<String>> clash = atOnce(i -> post(job("BODY" + i), "order-2"));
    assertThat(clash.stream().filter(r -> r.statusCode() == 201)).hasSize(1);
    assertThat(clash.stream().filter(r -> r.statusCode() == 422)).hasSize(CLIENTS - 1);
    assertThat(clash.stream().filter(r -> r.statusCode() == 422))
        .allSatisfy(
            r -> assertThat(server.body(r).path("detail").asText()).contains("idempotency"));
    assertThat(server.jobCount()).isEqualTo(2);
  }

  @Test
  void bad_creates_among_concurrent_ones_get_their_400_and_store_nothing() throws Exception {
    List<HttpResponse<String>> answers =
        atOnce(
            i ->
                i % 4 == 0
                    ? post(
                        "{\"provider\":\"mfn\",\"action\":\"validation\",\"priority\":1000}", null)
                    : i % 4 == 1 ? post(batch(3, "B" + i), null) : post(job("J" + i), null));
    for (int i = 0; i < CLIENTS; i++) {
      assertThat(answers.get(i).statusCode())
          .as(answers.get(i).body())
          .isEqualTo(i % 4 == 0 ? 400 : 201);
    }
    assertThat(server.body(answers.get(1)).path("created").asInt()).isEqualTo(3);
    assertThat(server.jobCount()).isEqualTo(CLIENTS / 4 * 3 + CLIENTS / 2);
  }

  private List<HttpResponse<String>> atOnce(Request request) throws Exception {
    var start = new CyclicBarrier(CLIENTS);
    var futures = new ArrayList<Future<HttpResponse<String>>>();
    for (int i = 0; i < CLIENTS; i++) {
      int me = i;
      Callable<HttpResponse<String>> call =
          () -> {
            start.await();
            return request.send(me);
          };
      futures.add(clients.submit(call));
    }
    var answers = new ArrayList<HttpResponse<String>>();
    for (Future<HttpResponse<String>> future : futures) {
      answers.add(future.get(60, TimeUnit.SECONDS));
    }
    return answers;
  }

  @FunctionalInterface
  private interface Request {
    HttpResponse<String> send(int client);
  }

  private HttpResponse<String> post(String body, String key) {
    var request =
        server
            .request("/jobs")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return server.send(key == null ? request : request.header("Idempotency-Key", key));
  }

  private static String job(String circuit) {
    return "{\"provider\":\"mfn\",\"action\":\"validation\",\"parameters\":{\"circuit_number\":\""
        + circuit
        + "\"}}";
  }

  private static String batch(int size, String prefix) {
    var jobs = new ArrayList<String>();
    for (int k = 0; k < size; k++) {
      jobs.add(job(prefix + "X" + k));
    }
    return "{\"jobs\":[" + String.join(",", jobs) + "]}";
  }

  private static double counter(String metrics, String name) {
    return metrics
        .lines()
        .filter(line -> line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1).trim()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + metrics));
  }
}
