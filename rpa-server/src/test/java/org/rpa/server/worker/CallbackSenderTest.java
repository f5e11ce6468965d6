package org.rpa.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.remote.RemoteResult;
import org.rpa.core.resilience.Breakers;

/**
 * A worker's results while its orchestrator is down and once it is back: the breaker opens, and the
 * results go within seconds of the orchestrator answering again, not after the breaker's and their
 * own doubled waits.
 */
class CallbackSenderTest {
  private static final Pattern JOB_ID = Pattern.compile("\"job_id\"\\s*:\\s*(\\d+)");

  private final Set<Long> received = ConcurrentHashMap.newKeySet();
  private volatile boolean down = true;
  private final HttpServer orchestrator = orchestrator();

  @AfterEach
  void stop() {
    orchestrator.stop(0);
  }

  @Test
  void results_held_through_an_outage_go_within_seconds_of_the_orchestrator_answering_again() {
    var breaker = new Breakers(Clock.systemUTC()).breaker("orchestrator", CallbackSender.BREAKER);
    var sender =
        new CallbackSender(
            "http://127.0.0.1:" + orchestrator.getAddress().getPort(),
            "token",
            "w1",
            Duration.ofSeconds(2),
            breaker);
    for (long id = 1; id <= 6; id++) {
      sender.send(result(id));
    }
    long outageEnds = System.nanoTime() + Duration.ofSeconds(4).toNanos();
    while (System.nanoTime() < outageEnds) {
      run(sender);
    }
    assertThat(breaker.getState().name()).as("the breaker after the outage").isEqualTo("OPEN");
    assertThat(received).isEmpty();

    down = false;
    long back = System.nanoTime();
    long deadline = back + Duration.ofSeconds(40).toNanos();
    while (received.size() < 6 && System.nanoTime() < deadline) {
      run(sender);
    }
    Duration delivered = Duration.ofNanos(System.nanoTime() - back);

    assertThat(received).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(delivered).as("every result delivered after").isLessThan(Duration.ofSeconds(8));
    assertThat(sender.backlog()).isZero();
  }

  private static void run(CallbackSender sender) {
    try {
      sender.runOnce();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static RemoteResult result(long id) {
    return new RemoteResult(
        id,
        0,
        1,
        "w1",
        ExecutionStatus.SUCCESS,
        Map.of("ok", true),
        null,
        false,
        Duration.ofMillis(5),
        List.of(),
        "credential-" + id);
  }

  private HttpServer orchestrator() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/callbacks/job-complete",
          exchange -> {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = 503;
            if (!down) {
              Matcher id = JOB_ID.matcher(body);
              assertThat(id.find()).as(body).isTrue();
              received.add(Long.parseLong(id.group(1)));
              status = 200;
            }
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
