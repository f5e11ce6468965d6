package org.rpa.core.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * How one circuit breaker is described and tuned. Immutable; build with {@link #custom()} or start
 * from {@link #ofDefaults()}. Two registrations of the same name must use equal options.
 *
 * @param displayName a human name, or {@code null} to show the breaker's name
 * @param critical whether losing this service makes the system unhealthy
 * @param url where the service lives, or {@code null}
 * @param failureRateThreshold percentage of failed calls (0 exclusive to 100) that opens the
 *     breaker
 * @param slidingWindowSize number of most recent calls the failure rate is computed over
 * @param minimumNumberOfCalls calls needed before the failure rate is computed
 * @param waitDurationInOpenState how long the breaker stays open before a call may probe it
 * @param permittedCallsInHalfOpenState probe calls that decide between closing and reopening
 */
public record BreakerOptions(
    String displayName,
    boolean critical,
    String url,
    float failureRateThreshold,
    int slidingWindowSize,
    int minimumNumberOfCalls,
    Duration waitDurationInOpenState,
    int permittedCallsInHalfOpenState) {

  public BreakerOptions {
    if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
      throw invalid("failureRateThreshold", "in (0, 100]", failureRateThreshold);
    }
    if (slidingWindowSize < 1) {
      throw invalid("slidingWindowSize", "at least 1", slidingWindowSize);
    }
    if (minimumNumberOfCalls < 1) {
      throw invalid("minimumNumberOfCalls", "at least 1", minimumNumberOfCalls);
    }
    Objects.requireNonNull(waitDurationInOpenState, "waitDurationInOpenState");
    if (waitDurationInOpenState.toMillis() < 1) {
      throw invalid("waitDurationInOpenState", "at least 1 ms", waitDurationInOpenState);
    }
    if (permittedCallsInHalfOpenState < 1) {
      throw invalid("permittedCallsInHalfOpenState", "at least 1", permittedCallsInHalfOpenState);
    }
  }

  /** The defaults: not critical, no display name, no url, and {@code Breakers.DEFAULT_*} tuning. */
  public static BreakerOptions ofDefaults() {
    return custom().build();
  }

  /** A builder that starts from the defaults. */
  public static Builder custom() {
    return new Builder();
  }

  /** A builder that starts from {@code base}. */
  public static Builder from(BreakerOptions base) {
    Objects.requireNonNull(base, "base");
    Builder builder = new Builder();
    builder.displayName = base.displayName;
    builder.critical = base.critical;
    builder.url = base.url;
    builder.failureRateThreshold = base.failureRateThreshold;
    builder.slidingWindowSize = base.slidingWindowSize;
    builder.minimumNumberOfCalls = base.minimumNumberOfCalls;
    builder.waitDurationInOpenState = base.waitDurationInOpenState;
    builder.permittedCallsInHalfOpenState = base.permittedCallsInHalfOpenState;
    return builder;
  }

  private static IllegalArgumentException invalid(String field, String rule, Object value) {
    return new IllegalArgumentException(field + " must be " + rule + ", but was " + value);
  }

  /** Builds {@link BreakerOptions}. Not thread-safe; values are checked in {@link #build()}. */
  public static final class Builder {
    private String displayName;
    private boolean critical;
    private String url;
    private float failureRateThreshold = Breakers.DEFAULT_FAILURE_RATE_THRESHOLD;
    private int slidingWindowSize = Breakers.DEFAULT_SLIDING_WINDOW_SIZE;
    private int minimumNumberOfCalls = Breakers.DEFAULT_MINIMUM_NUMBER_OF_CALLS;
    private Duration waitDurationInOpenState = Breakers.DEFAULT_WAIT_DURATION_IN_OPEN_STATE;
    private int permittedCallsInHalfOpenState = Breakers.DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE;

    private Builder() {}

    /** A human name; {@code null} shows the breaker's own name. */
    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public Builder critical(boolean critical) {
      this.critical = critical;
      return this;
    }

    /** Where the service lives; {@code null} when it has no address. */
    public Builder url(String url) {
      this.url = url;
      return this;
    }

    public Builder failureRateThreshold(float percent) {
      this.failureRateThreshold = percent;
      return this;
    }

    public Builder slidingWindowSize(int calls) {
      this.slidingWindowSize = calls;
      return this;
    }

    public Builder minimumNumberOfCalls(int calls) {
      this.minimumNumberOfCalls = calls;
      return this;
    }

    public Builder waitDurationInOpenState(Duration wait) {
      this.waitDurationInOpenState = wait;
      return this;
    }

    public Builder permittedCallsInHalfOpenState(int calls) {
      this.permittedCallsInHalfOpenState = calls;
      return this;
    }

    /**
     * @throws IllegalArgumentException when a value breaks its rule
     */
    public BreakerOptions build() {
      return new BreakerOptions(
          displayName,
          critical,
          url,
          failureRateThreshold,
          slidingWindowSize,
          minimumNumberOfCalls,
          waitDurationInOpenState,
          permittedCallsInHalfOpenState);
    }
  }
}
