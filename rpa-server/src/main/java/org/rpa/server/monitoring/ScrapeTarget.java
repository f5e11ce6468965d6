package org.rpa.server.monitoring;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One active scrape target as Prometheus reports it in {@code /api/v1/targets}.
 *
 * @param health {@code up}, {@code down} or {@code unknown} (not scraped yet)
 * @param labels the target's labels after relabelling ({@code job}, {@code instance}, …), sorted by
 *     name
 * @param lastScrape when it was last scraped, or null when never
 * @param lastError the last scrape's error, or null when it succeeded
 * @param scrapeDurationSeconds how long the last scrape took, or null when never scraped
 */
public record ScrapeTarget(
    String job,
    String instance,
    String health,
    Map<String, String> labels,
    Instant lastScrape,
    String lastError,
    Double scrapeDurationSeconds) {
  public static final String UP = "up";
  public static final String DOWN = "down";
  public static final String UNKNOWN = "unknown";

  public ScrapeTarget {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(health, "health");
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
  }

  /** How many of {@code targets} have {@code health}. */
  public static int count(List<ScrapeTarget> targets, String health) {
    return (int) targets.stream().filter(target -> target.health().equals(health)).count();
  }

  /** The jobs of {@code targets}, sorted, each once. */
  public static List<String> jobs(List<ScrapeTarget> targets) {
    return targets.stream().map(ScrapeTarget::job).distinct().sorted().toList();
  }
}
