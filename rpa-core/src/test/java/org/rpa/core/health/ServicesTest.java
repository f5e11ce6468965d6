package org.rpa.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.resilience.BreakerOptions;
import org.rpa.core.resilience.Breakers;
import org.rpa.core.testing.MutableClock;

/**
 * Probes on the clock's schedule against a real HTTP endpoint on loopback that the test answers
 * with, stops and starts again.
 */
class ServicesTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private final MutableClock clock = MutableClock.at(START);
  private final Breakers breakers = new Breakers(clock);
  private final Services services = new Services(clock, breakers, Duration.ofSeconds(30));
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger answer = new AtomicInteger(200);
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer endpoint;

  @AfterEach
  void stop() {
    release.countDown();
    if (endpoint != null) {
      endpoint.stop(0);
    }
  }

  @Test
  void a_service_is_probed_at_once_and_again_only_when_the_interval_has_passed_on_the_clock()
      throws IOException {
    int port = start(0);
    services.register(http("portal-mfn", port, "/health"));

    assertThat(services.status("portal-mfn").orElseThrow().checked()).isFalse();
    assertThat(services.runDue()).isOne();
    ServiceStatus first = services.status("portal-mfn").orElseThrow();
    assertThat(first.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(first.lastCheck()).isEqualTo(START);
    assertThat(first.responseTime()).isPositive();
    assertThat(first.error()).isNull();
    assertThat(first.consecutiveFailures()).isZero();
    assertThat(requests).hasValue(1);

    assertThat(services.runDue()).isZero();
    clock.advance(Duration.ofSeconds(29));
    assertThat(services.runDue()).as("29 s after the probe").isZero();
    assertThat(requests).hasValue(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(services.runDue()).as("30 s after the probe").isOne();
    assertThat(requests).hasValue(2);
    assertThat(services.status("portal-mfn").orElseThrow().lastCheck())
        .isEqualTo(START.plusSeconds(30));
  }

  @Test
  void failures_are_counted_in_a_row_and_a_healthy_probe_sets_the_count_back_to_zero()
      throws IOException {
    int port = start(0);
    services.register(http("worker-1", port, "/health"));
    answer.set(503);

    services.runDue();
    ServiceStatus failing = services.status("worker-1").orElseThrow();
    assertThat(failing.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(failing.error()).isEqualTo("GET /health answered 503");
    assertThat(failing.consecutiveFailures()).isOne();

    endpoint.stop(0);
    clock.advance(Duration.ofSeconds(30));
    services.runDue();
    ServiceStatus down = services.status("worker-1").orElseThrow();
    assertThat(down.consecutiveFailures()).isEqualTo(2);
    assertThat(down.error()).startsWith("ConnectException");
    assertThat(down.lastCheck()).isEqualTo(START.plusSeconds(30));

    answer.set(200);
    start(port);
    clock.advance(Duration.ofSeconds(30));
    services.runDue();
    ServiceStatus back = services.status("worker-1").orElseThrow();
    assertThat(back.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(back.consecutiveFailures()).isZero();
    assertThat(back.error()).isNull();
  }

  @Test
  void a_service_slower_than_the_probe_timeout_is_unhealthy_without_holding_the_probe_up()
      throws IOException {
    int port = start(0);
    answer.set(-1);
    services.register(
        ProbedService.builder("grid")
            .httpGet(URI.create("http://127.0.0.1:" + port + "/status"), Duration.ofMillis(200))
            .build());

    services.runDue();

    ServiceStatus slow = services.status("grid").orElseThrow();
    assertThat(slow.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(slow.error()).isEqualTo("HttpTimeoutException: no answer within 200 ms");
    assertThat(slow.responseTime())
        .isGreaterThanOrEqualTo(Duration.ofMillis(200))
        .isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void an_answer_probe_takes_any_answer_below_500_as_up() throws IOException {
    int port = start(0);
    services.register(
        ProbedService.builder("callback")
            .probe(
                ServiceProbe.httpAnswer(
                    "HEAD",
                    URI.create("http://127.0.0.1:" + port + "/hooks/rpa"),
                    Duration.ofSeconds(2)))
            .build());

    for (int status : new int[] {405, 302, 404, 500}) {
      answer.set(status);
      clock.advance(Duration.ofSeconds(30));
      services.runDue();
      assertThat(services.status("callback").orElseThrow().status())
          .as("answered %d", status)
          .isEqualTo(status < 500 ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY);
    }
    assertThat(services.status("callback").orElseThrow().error())
        .isEqualTo("HEAD /hooks/rpa answered 500");
  }

  @Test
  void the_circuit_state_and_the_critical_flag_come_from_the_named_breaker() throws IOException {
    int port = start(0);
    var breaker =
        breakers.breaker("ledger", BreakerOptions.custom().critical(true).url("x").build());
    services.register(
        ProbedService.builder("ledger")
            .displayName("Ledger")
            .url("http://127.0.0.1:" + port)
            .breaker("ledger")
            .feature("ledger_postings")
            .httpGet(URI.create("http://127.0.0.1:" + port + "/"), Duration.ofSeconds(2))
            .build());
    services.register(http("plain", port, "/"));
    services.runDue();

    ServiceStatus ledger = services.status("ledger").orElseThrow();
    assertThat(ledger.critical()).isTrue();
    assertThat(ledger.circuitState()).isEqualTo("closed");
    assertThat(ledger.available()).isTrue();
    assertThat(ledger.displayName()).isEqualTo("Ledger");
    assertThat(ledger.feature()).isEqualTo("ledger_postings");
    ServiceStatus plain = services.status("plain").orElseThrow();
    assertThat(plain.critical()).isFalse();
    assertThat(plain.circuitState()).isNull();
    assertThat(plain.displayName()).isEqualTo("plain");

    breaker.transitionToOpenState();
    ServiceStatus open = services.status("ledger").orElseThrow();
    assertThat(open.circuitState()).isEqualTo("open");
    assertThat(open.status()).as("the last probe's verdict").isEqualTo(HealthStatus.HEALTHY);
    assertThat(open.available()).isFalse();
    assertThat(services.statuses())
        .extracting(ServiceStatus::name)
        .containsExactly("ledger", "plain");
  }

  @Test
  void a_probe_that_throws_is_unhealthy_with_its_message_and_names_are_checked() {
    services.register(
        ProbedService.builder("browser")
            .probe(
                () -> {
                  throw new IllegalStateException("chromium is not executable");
                })
            .build());
    services.runDue();

    assertThat(services.status("browser").orElseThrow().error())
        .isEqualTo("IllegalStateException: chromium is not executable");
    assertThatThrownBy(
            () -> services.register(ProbedService.builder("browser").probe(() -> null).build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("A service named 'browser' is registered");
    assertThatThrownBy(() -> ProbedService.builder("no spaces").probe(() -> null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("name must match");
    assertThatThrownBy(
            () ->
                ServiceProbe.httpGet(URI.create("file:///usr/bin/chromium"), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("uri must be an http(s) URL, but was file:///usr/bin/chromium");
    assertThatThrownBy(() -> new Services(clock, breakers, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval must be positive, but was PT0S");
  }

  private static ProbedService http(String name, int port, String path) {
    return ProbedService.builder(name)
        .httpGet(URI.create("http://127.0.0.1:" + port + path), Duration.ofSeconds(2))
        .build();
  }

  /** Starts the endpoint on {@code port} (0: a free one) and returns its port. */
  private int start(int port) throws IOException {
    endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    endpoint.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    endpoint.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          int status = answer.get();
          if (status < 0) {
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            status = 200;
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    endpoint.start();
    return endpoint.getAddress().getPort();
  }
}
