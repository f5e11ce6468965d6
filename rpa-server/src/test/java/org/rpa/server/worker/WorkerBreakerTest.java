package org.rpa.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.Orchestrator;
import org.rpa.core.event.ExecutorOffline;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.resilience.BreakerOptions;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.WorkerConfig;

/**
 * A worker that answers 500 or hangs: its breaker opens, its work goes to the other worker, and the
 * breaker stays open while the worker does not answer; once it answers again, the heartbeat's probe
 * past the open breaker half-opens it and the trial call closes it, without waiting for the
 * breaker's open time on the clock. Two real worker services; the first sits behind a small proxy
 * that the test turns faulty. The orchestrator is the core with the HTTP transport, fed by a real
 * callback endpoint.
 */
class WorkerBreakerTest {
  private static final String TOKEN = "breaker-test-token-0123";
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final AtomicReference<String> fault = new AtomicReference<>("none");
  private final CountDownLatch release = new CountDownLatch(1);
  private Orchestrator orchestrator;
  private long submitted;

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  @Test
  void a_worker_answering_500_opens_its_breaker_and_work_goes_to_the_other() throws Exception {
    fault_opens_the_breaker_and_recovery_closes_it("500");
  }

  @Test
  void a_hanging_worker_opens_its_breaker_and_work_goes_to_the_other() throws Exception {
    fault_opens_the_breaker_and_recovery_closes_it("hang");
  }

  private void fault_opens_the_breaker_and_recovery_closes_it(String kind) throws Exception {
    HttpServer callbacks = callbackEndpoint();
    String orchestratorUrl = "http://127.0.0.1:" + callbacks.getAddress().getPort();
    WorkerService first = worker(orchestratorUrl);
    WorkerService second = worker(orchestratorUrl);
    HttpServer proxy = proxy(first.port());
    orchestrator =
        Orchestrator.builder()
            .database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
            .clock(clock)
            .jobType("demo", "echo")
            .heartbeatInterval(Duration.ofMillis(200))
            .pollInterval(Duration.ofMillis(200))
            .remoteWorker(
                new HttpRemoteWorker(
                    "http://127.0.0.1:" + proxy.getAddress().getPort(),
                    TOKEN,
                    Duration.ofMillis(500),
                    CallbackCredentials.derivedFrom(TOKEN)))
            .remoteWorker(
                new HttpRemoteWorker(
                    "http://127.0.0.1:" + second.port(),
                    TOKEN,
                    Duration.ofMillis(500),
                    CallbackCredentials.derivedFrom(TOKEN)))
            .remoteWorkerBreaker(
                BreakerOptions.custom()
                    .slidingWindowSize(4)
                    .minimumNumberOfCalls(2)
                    .waitDurationInOpenState(Duration.ofSeconds(30))
                    .permittedCallsInHalfOpenState(1)
                    .build())
            .build();
    opened.add(orchestrator);
    orchestrator.start();
    var workers = orchestrator.remoteWorkers().orElseThrow();
    await("both workers online", () -> workers.online() == 2);
    var offline = new java.util.concurrent.CopyOnWriteArrayList<ExecutorOffline>();
    orchestrator.events().subscribe(ExecutorOffline.class, offline::add);

    fault.set(kind);
    await("the faulty worker's breaker open", () -> state("worker-1").equals("open"));
    // The breaker opens inside the failing call; the worker is marked offline when that call
    // returns, or by the next heartbeat's refused probe if a dispatch call opened it.
    await("the faulty worker offline", () -> workers.states().containsValue("offline"));
    assertThat(offline)
        .as("robot.offline, once")
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.executorId()).isEqualTo(first.workerId());
              assertThat(event.url()).isEqualTo("http://127.0.0.1:" + proxy.getAddress().getPort());
            });
    runJobs(20);
    assertThat(executorsOfSuccesses()).containsOnly(second.workerId());
    assertThat(state("worker-1"))
        .as("still open: the heartbeat's probes past it were not answered")
        .isEqualTo("open");

    fault.set("none");
    await(
        "the breaker closed again, its open wait of 30 s still ahead on the clock",
        () -> state("worker-1").equals("closed"));
    await("the worker online again", () -> workers.online() == 2);
    runJobs(40);
    assertThat(executorsOfSuccesses()).contains(first.workerId(), second.workerId());
    System.out.printf(
        "breaker (%s): opened, work moved to %s, closed once the worker answered again%n",
        kind, second.workerId());
  }

  private void runJobs(int count) {
    List<JobRequest> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      requests.add(JobRequest.of("demo", "echo").param("i", i));
    }
    orchestrator.jobs().submitAll(requests);
    submitted += count;
    await(
        submitted + " jobs COMPLETED",
        () -> orchestrator.jobs().countByStatus().get(JobStatus.COMPLETED) == submitted);
  }

  private List<String> executorsOfSuccesses() {
    List<String> executors = new ArrayList<>();
    var page = orchestrator.jobs().query(org.rpa.core.job.JobQuery.all().limit(500));
    page.items()
        .forEach(
            job ->
                orchestrator.jobs().executions(job.id()).stream()
                    .filter(e -> e.status() == org.rpa.core.job.ExecutionStatus.SUCCESS)
                    .forEach(e -> executors.add(e.executor())));
    return executors;
  }

  private String state(String breaker) {
    return orchestrator.breakers().view(breaker).orElseThrow().state();
  }

  private WorkerService worker(String orchestratorUrl) {
    Map<String, String> env = new HashMap<>();
    env.put("WORKER_HOST", "127.0.0.1");
    env.put("WORKER_PORT", "0");
    env.put("WORKER_AUTH_TOKEN", TOKEN);
    env.put("ORCHESTRATOR_URL", orchestratorUrl);
    env.put("MAX_WORKERS", "2");
    WorkerService service =
        WorkerService.start(
            WorkerConfig.from(env, null), clock, DemoHandlers.all(), SeleniumCheck.disabled());
    opened.add(service);
    return service;
  }

  /** The orchestrator's callback endpoint: results go straight to the core. */
  private HttpServer callbackEndpoint() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/callbacks/job-complete",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          orchestrator.remoteWorkers().orElseThrow().complete(ResultCodec.readResult(body));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    opened.add(() -> server.stop(0));
    return server;
  }

  /** Forwards to the worker, or answers 500, or hangs, as {@link #fault} says. */
  private HttpServer proxy(int target) throws IOException {
    HttpClient client = HttpClient.newHttpClient();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/", exchange -> forward(client, target, exchange));
    server.start();
    opened.add(() -> server.stop(0));
    return server;
  }

  private void forward(HttpClient client, int target, HttpExchange exchange) throws IOException {
    try {
      switch (fault.get()) {
        case "500" -> {
          exchange.sendResponseHeaders(500, -1);
          return;
        }
        case "hang" -> {
          release.await(30, TimeUnit.SECONDS);
          exchange.sendResponseHeaders(503, -1);
          return;
        }
        default -> {}
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      var request =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + target + exchange.getRequestURI()))
              .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      for (String header : List.of("Authorization", "Content-Type")) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
          request.header(header, value);
        }
      }
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      exchange.sendResponseHeaders(
          response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
      exchange.getResponseBody().write(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    throw new AssertionError("timed out waiting for " + what);
  }
}
