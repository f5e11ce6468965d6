package org.rpa.core.health;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A downstream service that {@link Services} probes on its schedule: a remote worker, the browser,
 * the completion callbacks' receiver, a provider portal, a metrics server. Immutable; build with
 * {@link #builder(String)}:
 *
 * <pre>{@code
 * orchestrator.services().register(
 *     ProbedService.builder("prometheus")
 *         .displayName("Prometheus")
 *         .url("http://prometheus:9090")
 *         .breaker("prometheus")
 *         .feature("prometheus_queries")
 *         .httpGet(URI.create("http://prometheus:9090/-/healthy"), Services.DEFAULT_TIMEOUT)
 *         .build());
 * }</pre>
 *
 * @param name a unique, stable name; the service's circuit breaker usually has the same one
 * @param displayName a human name
 * @param url where the service lives, or {@code null}
 * @param breaker the name of the service's circuit breaker in {@code Breakers}, or {@code null}:
 *     its state is shown with the service, and a critical breaker makes the service critical
 * @param critical whether the system is unhealthy while this service is (also true when its breaker
 *     is critical)
 * @param feature what works while the service is healthy, listed among the available features
 *     ({@code browser_automation}, {@code completion_callbacks}), or {@code null}
 * @param probe how the service is checked
 */
public record ProbedService(
    String name,
    String displayName,
    String url,
    String breaker,
    boolean critical,
    String feature,
    ServiceProbe probe) {

  /** What a service name and a feature name look like: they appear in URLs and metric labels. */
  public static final Pattern NAME_PATTERN = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.:-]*$");

  /**
   * @throws IllegalArgumentException when the name or the feature does not match {@link
   *     #NAME_PATTERN}
   */
  public ProbedService {
    checkName("name", name);
    Objects.requireNonNull(displayName, "displayName");
    if (feature != null) {
      checkName("feature", feature);
    }
    Objects.requireNonNull(probe, "probe");
  }

  /** A builder for the service {@code name}, shown as {@code name} until a display name is set. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  private static void checkName(String field, String value) {
    if (value == null || !NAME_PATTERN.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must match " + NAME_PATTERN.pattern() + ", but was " + value);
    }
  }

  /** Builds a {@link ProbedService}. Not thread-safe; values are checked in {@link #build()}. */
  public static final class Builder {
    private final String name;
    private String displayName;
    private String url;
    private String breaker;
    private boolean critical;
    private String feature;
    private ServiceProbe probe;

    private Builder(String name) {
      this.name = name;
    }

    public Builder displayName(String displayName) {
      this.displayName = Objects.requireNonNull(displayName, "displayName");
      return this;
    }

    /** Where the service lives, shown with it; {@code null} when it has no address. */
    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /** The service's circuit breaker, by its name in {@code Breakers}. */
    public Builder breaker(String breaker) {
      this.breaker = breaker;
      return this;
    }

    public Builder critical(boolean critical) {
      this.critical = critical;
      return this;
    }

    public Builder feature(String feature) {
      this.feature = feature;
      return this;
    }

    public Builder probe(ServiceProbe probe) {
      this.probe = Objects.requireNonNull(probe, "probe");
      return this;
    }

    /** Probes with {@link ServiceProbe#httpGet}: healthy on a 2xx answer. */
    public Builder httpGet(URI uri, Duration timeout) {
      return probe(ServiceProbe.httpGet(uri, timeout));
    }

    /**
     * @throws IllegalArgumentException when a name does not match {@link #NAME_PATTERN}
     * @throws NullPointerException when no probe was given
     */
    public ProbedService build() {
      return new ProbedService(
          name, displayName == null ? name : displayName, url, breaker, critical, feature, probe);
    }
  }
}
