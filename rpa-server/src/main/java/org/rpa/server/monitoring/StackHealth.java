package org.rpa.server.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The monitoring stack's health at one moment, as {@link MonitoringStack#health()} reads it.
 *
 * @param healthy Prometheus is reachable and no target is down, or more are up than down
 * @param reachable Prometheus answered the targets request
 * @param url Prometheus's URL without user info, or null when none is configured
 * @param jobs the targets counted per job, sorted by job
 * @param exporters each {@link KnownExporter}: one entry per target of its job, or one with status
 *     {@code unknown} and its default endpoint while Prometheus scrapes none
 * @param issues what is wrong, one sentence each; empty when nothing is
 */
public record StackHealth(
    boolean healthy,
    boolean reachable,
    String url,
    List<JobTargets> jobs,
    List<ExporterStatus> exporters,
    MetricsCollection collection,
    List<String> issues) {
  public StackHealth {
    jobs = List.copyOf(jobs);
    exporters = List.copyOf(exporters);
    Objects.requireNonNull(collection, "collection");
    issues = List.copyOf(issues);
  }

  /** One job's targets by health. */
  public record JobTargets(String job, int total, int up, int down, int unknown) {}

  /**
   * One exporter.
   *
   * @param status {@code up}, {@code down} or {@code unknown}
   * @param lastScrape null when never scraped
   * @param error the last scrape's error, or why the status is unknown; null when up
   */
  public record ExporterStatus(
      String name, String status, String endpoint, Instant lastScrape, String error) {}

  /**
   * Whether metrics come in.
   *
   * @param collecting at least one target is up
   * @param lastSuccessfulScrape the latest scrape of a target that is up, or null
   * @param scrapeIntervalSeconds the global scrape interval, or null when it could not be read
   * @param totalSeries the series Prometheus holds, or null when they could not be counted
   */
  public record MetricsCollection(
      boolean collecting,
      Instant lastSuccessfulScrape,
      Double scrapeIntervalSeconds,
      Long totalSeries) {
    static final MetricsCollection NONE = new MetricsCollection(false, null, null, null);
  }

  /**
   * The rule: healthy when reachable and no target is down, or when more targets are up than down;
   * unhealthy when half or more of the targets that are up or down are down, or when unreachable.
   * Targets not scraped yet ({@code unknown}) count on neither side.
   */
  public static boolean healthy(boolean reachable, int up, int down) {
    return reachable && (down == 0 || up > down);
  }
}
