package org.rpa.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.testing.MutableClock;

class BreakersTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final Breakers breakers = new Breakers(clock);

  @Test
  void breakers_read_time_from_the_injected_clock() {
    CircuitBreaker breaker = breakers.breaker("grid");

    assertThat(breaker.getCircuitBreakerConfig().getClock()).isSameAs(clock);
    assertThat(breaker.getCircuitBreakerConfig().isAutomaticTransitionFromOpenToHalfOpenEnabled())
        .isFalse();
  }

  @Test
  void the_resilience4j_registry_holds_every_breaker_and_announces_the_new_ones() {
    breakers.breaker("worker-1");
    var added = new CopyOnWriteArrayList<String>();
    breakers
        .circuitBreakerRegistry()
        .getEventPublisher()
        .onEntryAdded(event -> added.add(event.getAddedEntry().getName()));

    CircuitBreaker callback = breakers.breaker("callback");

    assertThat(breakers.circuitBreakerRegistry().getAllCircuitBreakers())
        .extracting(CircuitBreaker::getName)
        .containsExactlyInAnyOrder("worker-1", "callback");
    assertThat(breakers.circuitBreakerRegistry().find("callback")).containsSame(callback);
    assertThat(added).containsExactly("callback");
    assertThat(callback.getCircuitBreakerConfig().getClock()).isSameAs(clock);
  }

  @Test
  void failures_open_the_breaker_and_the_clock_moves_it_to_half_open_then_closed() {
    CircuitBreaker breaker = breakers.breaker("worker-1");
    failTimes(breaker, 5);

    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThatThrownBy(() -> breaker.executeRunnable(() -> {}))
        .isInstanceOf(CallNotPermittedException.class);

    clock.advance(Duration.ofSeconds(30));
    assertThat(breaker.tryAcquirePermission())
        .as("exactly 30 s is not yet after the wait")
        .isFalse();

    clock.advance(Duration.ofMillis(1));
    breaker.executeRunnable(() -> {});
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);

    breaker.executeRunnable(() -> {});
    breaker.executeRunnable(() -> {});
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void fewer_failures_than_the_minimum_keep_the_breaker_closed() {
    CircuitBreaker breaker = breakers.breaker("portal:acme");
    failTimes(breaker, 4);

    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breakers.view("portal:acme").orElseThrow().failureRate()).isEqualTo(-1f);
  }

  @Test
  void a_failed_probe_in_half_open_reopens_the_breaker() {
    CircuitBreaker breaker = breakers.breaker("callbacks");
    failTimes(breaker, 5);
    clock.advance(Duration.ofSeconds(31));

    failTimes(breaker, 3);

    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
  }

  @Test
  void view_reports_state_counts_and_options() {
    breakers.breaker(
        "grid",
        BreakerOptions.custom()
            .displayName("Selenium Grid")
            .critical(true)
            .url("http://grid:4444")
            .build());
    failTimes(breakers.breaker("grid"), 5);
    breakers.breaker("grid").tryAcquirePermission();

    BreakerView view = breakers.view("grid").orElseThrow();

    assertThat(view)
        .isEqualTo(
            new BreakerView(
                "grid",
                "Selenium Grid",
                "open",
                100f,
                5,
                5,
                1,
                true,
                "http://grid:4444",
                0,
                0,
                50f,
                5));
    assertThat(breakers.view("nope")).isEmpty();
  }

  @Test
  void the_display_name_defaults_to_the_name() {
    breakers.breaker("prometheus");

    assertThat(breakers.all())
        .containsExactly(
            new BreakerView(
                "prometheus", "prometheus", "closed", -1f, 0, 0, 0, false, null, 0, 0, 50f, 5));
  }

  @Test
  void the_same_name_returns_the_same_breaker() {
    assertThat(breakers.breaker("a")).isSameAs(breakers.breaker("a"));
    assertThat(breakers.breaker("b", BreakerOptions.ofDefaults())).isSameAs(breakers.breaker("b"));
  }

  @Test
  void registering_a_name_again_with_other_options_is_refused() {
    breakers.breaker("a");

    assertThatThrownBy(() -> breakers.breaker("a", BreakerOptions.custom().critical(true).build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'a'");
  }

  @Test
  void options_override_the_defaults() {
    CircuitBreaker breaker =
        breakers.breaker(
            "fast",
            BreakerOptions.custom()
                .minimumNumberOfCalls(2)
                .slidingWindowSize(2)
                .waitDurationInOpenState(Duration.ofSeconds(5))
                .permittedCallsInHalfOpenState(1)
                .build());
    failTimes(breaker, 2);
    clock.advance(Duration.ofSeconds(6));

    breaker.executeRunnable(() -> {});

    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void names_must_match_the_pattern() {
    for (String bad : List.of("", "-x", "a b", "a/b", "ü")) {
      assertThatThrownBy(() -> breakers.breaker(bad))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("name must match");
    }
    breakers.breaker("Worker_1.eu:8621-b");
  }

  @Test
  void options_are_validated_where_they_enter() {
    assertThatThrownBy(() -> BreakerOptions.custom().failureRateThreshold(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failureRateThreshold must be in (0, 100], but was 0.0");
    assertThatThrownBy(() -> BreakerOptions.custom().slidingWindowSize(0).build())
        .hasMessage("slidingWindowSize must be at least 1, but was 0");
    assertThatThrownBy(() -> BreakerOptions.custom().waitDurationInOpenState(Duration.ZERO).build())
        .hasMessage("waitDurationInOpenState must be at least 1 ms, but was PT0S");
  }

  @Test
  void reset_closes_an_open_breaker_and_clears_its_window() {
    failTimes(breakers.breaker("grid"), 5);

    assertThat(breakers.reset("grid")).isEqualTo("open");

    assertThat(breakers.view("grid").orElseThrow())
        .extracting(BreakerView::state, BreakerView::bufferedCalls)
        .containsExactly("closed", 0);
    assertThat(breakers.reset("grid")).isEqualTo("closed");
  }

  @Test
  void resetting_an_unknown_breaker_names_it() {
    assertThatThrownBy(() -> breakers.reset("ghost"))
        .isInstanceOfSatisfying(
            UnknownBreakerException.class, e -> assertThat(e.name()).isEqualTo("ghost"))
        .hasMessage("Circuit breaker 'ghost' is not registered");
  }

  @Test
  void summary_counts_breakers_by_state() {
    breakers.breaker("c1");
    failTimes(breakers.breaker("o1"), 5);
    failTimes(breakers.breaker("h1"), 5);
    breakers.breaker("f1").transitionToForcedOpenState();
    clock.advance(Duration.ofSeconds(31));
    breakers.breaker("h1").tryAcquirePermission();

    BreakerSummary summary = breakers.summary();

    assertThat(summary.total()).isEqualTo(4);
    assertThat(summary.open()).isEqualTo(2);
    assertThat(summary.halfOpen()).isEqualTo(1);
    assertThat(summary.closed()).isEqualTo(1);
    assertThat(summary.breakers())
        .containsExactly(
            entry("c1", "closed"),
            entry("f1", "forced_open"),
            entry("h1", "half_open"),
            entry("o1", "open"));
  }

  @Test
  void listeners_hear_every_transition_stamped_with_the_clock() {
    List<BreakerStateChange> changes = new CopyOnWriteArrayList<>();
    breakers.addListener(changes::add);
    CircuitBreaker breaker = breakers.breaker("grid");

    failTimes(breaker, 5);
    Instant later = clock.advance(Duration.ofSeconds(31));
    breaker.tryAcquirePermission();
    breakers.reset("grid");

    assertThat(changes)
        .containsExactly(
            new BreakerStateChange("grid", "closed", "open", Instant.parse("2026-01-01T00:00:00Z")),
            new BreakerStateChange("grid", "open", "half_open", later),
            new BreakerStateChange("grid", "half_open", "closed", later));
  }

  @Test
  void a_listener_that_throws_reaches_neither_the_caller_nor_other_listeners() {
    List<BreakerStateChange> heard = new CopyOnWriteArrayList<>();
    breakers.addListener(
        change -> {
          throw new IllegalStateException("boom");
        });
    breakers.addListener(heard::add);

    failTimes(breakers.breaker("grid"), 5);

    assertThat(heard).hasSize(1);
    assertThat(breakers.view("grid").orElseThrow().state()).isEqualTo("open");
  }

  @Test
  void a_removed_listener_is_not_called() {
    List<BreakerStateChange> heard = new CopyOnWriteArrayList<>();
    java.util.function.Consumer<BreakerStateChange> listener = heard::add;
    breakers.addListener(listener);
    breakers.removeListener(listener);

    failTimes(breakers.breaker("grid"), 5);

    assertThat(heard).isEmpty();
  }

  private static java.util.Map.Entry<String, String> entry(String key, String value) {
    return java.util.Map.entry(key, value);
  }

  private static void failTimes(CircuitBreaker breaker, int times) {
    for (int i = 0; i < times; i++) {
      assertThatThrownBy(
              () ->
                  breaker.executeRunnable(
                      () -> {
                        throw new IllegalStateException("down");
                      }))
          .isInstanceOf(IllegalStateException.class);
    }
  }
}
