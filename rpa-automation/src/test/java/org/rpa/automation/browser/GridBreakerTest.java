package org.rpa.automation.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rpa.automation.BrowserAutomation;
import org.rpa.core.resilience.BreakerOptions;
import org.rpa.core.resilience.Breakers;
import org.rpa.core.testing.MutableClock;

/**
 * A Selenium Grid on a loopback port nobody listens on: every session start fails for real
 * (Selenium's RemoteWebDriver is refused), the grid's breaker opens after the minimum number of
 * calls, and then a lease fails at once without calling the grid; a reset lets starts through
 * again.
 */
class GridBreakerTest {
  @Test
  void a_dead_grid_opens_its_breaker_and_an_open_breaker_refuses_starts() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/wd/hub";
    MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    Breakers breakers = new Breakers(clock);
    CircuitBreaker breaker =
        breakers.breaker(
            BrowserAutomation.GRID_BREAKER,
            BreakerOptions.from(BrowserAutomation.DEFAULT_GRID_BREAKER).url(url).build());
    try (SessionPool pool =
        new SessionPool(
            BrowserFactory.grid(URI.create(url).toURL()), clock, 2, Duration.ofMinutes(10))) {
      pool.startThrough(breaker);
      for (int i = 0; i < 5; i++) {
        assertThatThrownBy(() -> pool.acquire("account", "job"))
            .isNotInstanceOf(CallNotPermittedException.class);
      }

      var view = breakers.view(BrowserAutomation.GRID_BREAKER).orElseThrow();
      assertThat(view.state()).isEqualTo("open");
      assertThat(view.failureRate()).isEqualTo(100f);
      assertThat(view.url()).isEqualTo(url);
      assertThat(view.displayName()).isEqualTo("Selenium Grid");
      assertThat(view.critical()).isFalse();
      assertThatThrownBy(() -> pool.acquire("account", "job"))
          .isInstanceOf(CallNotPermittedException.class);
      assertThat(breakers.view(BrowserAutomation.GRID_BREAKER).orElseThrow().notPermittedCalls())
          .isEqualTo(1);

      assertThat(breakers.reset(BrowserAutomation.GRID_BREAKER)).isEqualTo("open");
      assertThatThrownBy(() -> pool.acquire("account", "job"))
          .as("the grid is called again, and refuses")
          .isNotInstanceOf(CallNotPermittedException.class);
      assertThat(breakers.view(BrowserAutomation.GRID_BREAKER).orElseThrow().failedCalls())
          .isEqualTo(1);
    }
  }
}
