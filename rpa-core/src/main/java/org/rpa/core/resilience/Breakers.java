package org.rpa.core.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.rpa.core.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry of named resilience4j circuit breakers, one per downstream service: the one place
 * every breaker of a process is created, so that health and {@code GET
 * /api/system/circuit-breakers} list them all. The orchestrator registers {@code worker-<n>} for
 * each remote worker and {@code callback} for the completion callbacks' receiver; rpa-automation
 * registers {@code portal-<provider>} for each provider portal and {@code browser-grid} for a
 * Selenium Grid. Another downstream service (Prometheus, say) joins by calling {@link
 * #breaker(String, BreakerOptions)} with its name, display name, critical flag and URL, and running
 * its calls through the breaker returned. Every breaker reads time from the registry's {@link
 * Clock} ({@code CircuitBreakerConfig.Builder.clock}), so a test that advances a {@code
 * MutableClock} drives it from open to half-open without sleeping.
 *
 * <p>An open breaker moves to half-open when a call is attempted after the wait has passed
 * (strictly after: resilience4j compares with {@code isAfter}). The automatic transition, which
 * would start a timer thread that ignores the clock, is off.
 *
 * <p>The breakers live in a resilience4j {@link CircuitBreakerRegistry} ({@link
 * #circuitBreakerRegistry()}) as well, so that binders written for one see them all, those created
 * later included: resilience4j-micrometer's {@code TaggedCircuitBreakerMetrics} publishes their
 * state, failure rate and calls to a Micrometer registry.
 *
 * <p>Thread-safe. Breakers are created once per name ({@code computeIfAbsent}) and never removed.
 * Listeners run on the thread that caused the transition; one that throws is logged and never
 * reaches the caller or the other listeners.
 */
public final class Breakers {
  public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50f;
  public static final int DEFAULT_SLIDING_WINDOW_SIZE = 10;
  public static final int DEFAULT_MINIMUM_NUMBER_OF_CALLS = 5;
  public static final Duration DEFAULT_WAIT_DURATION_IN_OPEN_STATE = Duration.ofSeconds(30);
  public static final int DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE = 3;

  /** What a breaker name must look like: it appears in URLs and metric labels. */
  public static final Pattern NAME_PATTERN = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.:-]*$");

  private static final Logger log = LoggerFactory.getLogger(Breakers.class);

  private final Clock clock;
  private final ConcurrentMap<String, Registered> breakers = new ConcurrentHashMap<>();
  private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
  private final CopyOnWriteArraySet<Consumer<BreakerStateChange>> listeners =
      new CopyOnWriteArraySet<>();

  /** A registry whose breakers all read time from {@code clock}. */
  public Breakers(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The breaker named {@code name}, created with {@link BreakerOptions#ofDefaults()} if it does not
   * exist yet (an existing breaker is returned whatever its options).
   *
   * @throws InvalidRequestException when {@code name} does not match {@link #NAME_PATTERN}
   */
  public CircuitBreaker breaker(String name) {
    checkName(name);
    return breakers
        .computeIfAbsent(name, key -> create(key, BreakerOptions.ofDefaults()))
        .breaker();
  }

  /**
   * The breaker named {@code name}, created with {@code options} if it does not exist yet.
   *
   * @throws InvalidRequestException when {@code name} does not match {@link #NAME_PATTERN}
   * @throws IllegalStateException when the breaker exists with different options
   */
  public CircuitBreaker breaker(String name, BreakerOptions options) {
    checkName(name);
    Objects.requireNonNull(options, "options");
    Registered registered = breakers.computeIfAbsent(name, key -> create(key, options));
    if (!registered.options().equals(options)) {
      throw new IllegalStateException(
          "Circuit breaker '" + name + "' is already registered with " + registered.options());
    }
    return registered.breaker();
  }

  /** Every breaker, sorted by name. */
  public List<BreakerView> all() {
    return breakers.values().stream()
        .map(Breakers::toView)
        .sorted(Comparator.comparing(BreakerView::name))
        .toList();
  }

  /** The breaker named {@code name}, if registered. */
  public Optional<BreakerView> view(String name) {
    Objects.requireNonNull(name, "name");
    return Optional.ofNullable(breakers.get(name)).map(Breakers::toView);
  }

  /**
   * Closes the breaker and forgets its recorded calls. A breaker that was not closed makes a
   * transition to {@code closed}, which the listeners hear; one that was closed only loses its
   * calls.
   *
   * @return the state it was in before, spelled as in {@link BreakerView#state()}
   * @throws UnknownBreakerException when no breaker has that name
   */
  public String reset(String name) {
    Objects.requireNonNull(name, "name");
    Registered registered = breakers.get(name);
    if (registered == null) {
      throw new UnknownBreakerException(name);
    }
    String before = render(registered.breaker().getState());
    registered.breaker().reset();
    return before;
  }

  /** Counts by state and every breaker's state, sorted by name. */
  public BreakerSummary summary() {
    TreeMap<String, String> states = new TreeMap<>();
    int open = 0;
    int halfOpen = 0;
    int closed = 0;
    for (Registered registered : breakers.values()) {
      CircuitBreaker.State state = registered.breaker().getState();
      states.put(registered.breaker().getName(), render(state));
      switch (state) {
        case OPEN, FORCED_OPEN -> open++;
        case HALF_OPEN -> halfOpen++;
        case CLOSED, DISABLED, METRICS_ONLY -> closed++;
      }
    }
    return new BreakerSummary(states.size(), open, halfOpen, closed, states);
  }

  /**
   * The resilience4j registry that holds every breaker of this one, for binders that read a
   * registry (and follow its {@code onEntryAdded} events for the breakers created later). Read it
   * only: a breaker created in it directly would bypass the options and the listeners here.
   */
  public CircuitBreakerRegistry circuitBreakerRegistry() {
    return registry;
  }

  /** Calls {@code listener} after every state transition of every breaker, present and future. */
  public void addListener(Consumer<BreakerStateChange> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Stops calling {@code listener}; does nothing when it was not added. */
  public void removeListener(Consumer<BreakerStateChange> listener) {
    listeners.remove(Objects.requireNonNull(listener, "listener"));
  }

  static String render(CircuitBreaker.State state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  private Registered create(String name, BreakerOptions options) {
    CircuitBreakerConfig config =
        CircuitBreakerConfig.custom()
            .clock(clock)
            .failureRateThreshold(options.failureRateThreshold())
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(options.slidingWindowSize())
            .minimumNumberOfCalls(options.minimumNumberOfCalls())
            .waitDurationInOpenState(options.waitDurationInOpenState())
            .permittedNumberOfCallsInHalfOpenState(options.permittedCallsInHalfOpenState())
            .automaticTransitionFromOpenToHalfOpenEnabled(false)
            .build();
    CircuitBreaker breaker = registry.circuitBreaker(name, config);
    breaker.getEventPublisher().onStateTransition(this::publish);
    return new Registered(breaker, options);
  }

  private void publish(CircuitBreakerOnStateTransitionEvent event) {
    // resilience4j stamps events with the system clock; ours must follow the injected one.
    BreakerStateChange change =
        new BreakerStateChange(
            event.getCircuitBreakerName(),
            render(event.getStateTransition().getFromState()),
            render(event.getStateTransition().getToState()),
            clock.instant());
    for (Consumer<BreakerStateChange> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException | Error e) {
        log.warn("Breaker listener {} failed on {}", listener, change, e);
      }
    }
  }

  private static BreakerView toView(Registered registered) {
    CircuitBreaker breaker = registered.breaker();
    CircuitBreaker.Metrics metrics = breaker.getMetrics();
    BreakerOptions options = registered.options();
    return new BreakerView(
        breaker.getName(),
        options.displayName() == null ? breaker.getName() : options.displayName(),
        render(breaker.getState()),
        metrics.getFailureRate(),
        metrics.getNumberOfBufferedCalls(),
        metrics.getNumberOfFailedCalls(),
        metrics.getNumberOfNotPermittedCalls(),
        options.critical(),
        options.url(),
        metrics.getNumberOfSuccessfulCalls(),
        metrics.getNumberOfSlowCalls(),
        options.failureRateThreshold(),
        options.minimumNumberOfCalls());
  }

  private static void checkName(String name) {
    if (name == null || !NAME_PATTERN.matcher(name).matches()) {
      throw new InvalidRequestException("name", name, "must match " + NAME_PATTERN.pattern());
    }
  }

  private record Registered(CircuitBreaker breaker, BreakerOptions options) {}
}
