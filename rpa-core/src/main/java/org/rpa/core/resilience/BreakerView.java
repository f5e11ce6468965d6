package org.rpa.core.resilience;

import java.util.Objects;

/**
 * What a circuit breaker looks like at one moment.
 *
 * @param name the registry name
 * @param displayName a human name (the name itself when none was given)
 * @param state {@code closed}, {@code open}, {@code half_open}, {@code disabled}, {@code
 *     forced_open} or {@code metrics_only}
 * @param failureRate failure percentage over the sliding window, or {@code -1} while fewer than the
 *     minimum number of calls have been recorded (resilience4j's convention)
 * @param bufferedCalls calls in the sliding window
 * @param failedCalls failed calls in the sliding window
 * @param notPermittedCalls calls refused while open
 * @param critical whether losing this service makes the system unhealthy
 * @param url where the service lives, or {@code null} when it has no address
 * @param successfulCalls successful calls in the sliding window
 * @param slowCalls calls in the sliding window slower than resilience4j's default slow-call
 *     threshold (60 s; they count as slow, not as failed)
 * @param failureRateThreshold the failure percentage that opens the breaker
 * @param minimumNumberOfCalls calls needed before {@code failureRate} is computed
 */
public record BreakerView(
    String name,
    String displayName,
    String state,
    float failureRate,
    int bufferedCalls,
    int failedCalls,
    long notPermittedCalls,
    boolean critical,
    String url,
    int successfulCalls,
    int slowCalls,
    float failureRateThreshold,
    int minimumNumberOfCalls) {
  public BreakerView {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(state, "state");
  }
}
