package org.rpa.automation;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.rpa.automation.flows.ProviderFlows;
import org.rpa.core.resilience.BreakerOptions;
import org.rpa.core.resilience.Breakers;

/**
 * The portals' circuit breakers ({@code portal-<provider>}), held in the registry they were bound
 * to, with the instant each last opened. Thread-safe.
 */
final class PortalBreakers {
  private final BreakerOptions options;
  private final Secrets secrets;
  private final Collection<String> providers;
  private final AtomicReference<Breakers> registry = new AtomicReference<>();
  private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();

  PortalBreakers(BreakerOptions options, Secrets secrets, Collection<String> providers) {
    this.options = options;
    this.secrets = secrets;
    this.providers = providers;
  }

  /** Registers every provider's breaker in {@code breakers} and uses it from now on. */
  void bind(Breakers breakers) {
    Objects.requireNonNull(breakers, "breakers");
    for (String provider : providers) {
      breakers.breaker(
          BrowserAutomation.breakerName(provider),
          BreakerOptions.from(options)
              .displayName(provider + " portal")
              .url(secrets.find(ProviderFlows.urlVariable(provider)).orElse(null))
              .build());
    }
    breakers.addListener(
        change -> {
          if (change.to().equals("open")) {
            openedAt.put(change.name(), change.at());
          }
        });
    registry.set(breakers);
  }

  boolean bound() {
    return registry.get() != null;
  }

  CircuitBreaker breaker(String provider) {
    Breakers breakers = registry.get();
    if (breakers == null) {
      throw new IllegalStateException(
          "BrowserAutomation is not installed on an orchestrator: call install(..) first");
    }
    return breakers.breaker(BrowserAutomation.breakerName(provider));
  }

  /**
   * While {@code provider}'s breaker is open: the instant its open wait ends (when a call may probe
   * it); empty when it is not open, or the wait is over.
   */
  Optional<Instant> openUntil(String provider, Instant now) {
    CircuitBreaker breaker = breaker(provider);
    if (breaker.getState() != CircuitBreaker.State.OPEN) {
      return Optional.empty();
    }
    Duration wait = options.waitDurationInOpenState();
    Instant opened = openedAt.getOrDefault(breaker.getName(), now);
    // resilience4j lets a probe through strictly after the wait.
    Instant until = opened.plus(wait).plusMillis(1);
    return until.isAfter(now) ? Optional.of(until) : Optional.empty();
  }
}
