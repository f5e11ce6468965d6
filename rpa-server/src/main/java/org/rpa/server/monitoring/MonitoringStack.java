package org.rpa.server.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.rpa.server.monitoring.StackHealth.ExporterStatus;
import org.rpa.server.monitoring.StackHealth.JobTargets;
import org.rpa.server.monitoring.StackHealth.MetricsCollection;

/**
 * The monitoring stack's health and targets, read from Prometheus on each call (nothing is cached,
 * so each call is one to three requests through the client's breaker).
 *
 * <p>Thread-safe.
 */
public final class MonitoringStack {
  static final String NOT_CONFIGURED = "PROMETHEUS_URL is not set";

  private final PrometheusClient client;

  /**
   * @param client the Prometheus to read, or null when none is configured
   */
  public MonitoringStack(PrometheusClient client) {
    this.client = client;
  }

  /** Prometheus's URL without user info, if one is configured. */
  public Optional<String> url() {
    return Optional.ofNullable(client).map(PrometheusClient::url);
  }

  /**
   * Every active target, sorted by job and instance.
   *
   * @throws PrometheusUnavailableException when no Prometheus is configured or it cannot be read
   */
  public List<ScrapeTarget> targets() {
    if (client == null) {
      throw new PrometheusUnavailableException(NOT_CONFIGURED, null);
    }
    return client.targets();
  }

  /**
   * The stack's health: the targets (when they cannot be read, Prometheus is unreachable and the
   * rest is not asked), then the series count and the scrape interval, whose failures are issues.
   */
  public StackHealth health() {
    if (client == null) {
      return unreachable(null, NOT_CONFIGURED);
    }
    List<ScrapeTarget> targets;
    try {
      targets = client.targets();
    } catch (PrometheusUnavailableException e) {
      return unreachable(client.url(), e.getMessage());
    }
    List<String> issues = new ArrayList<>();
    Long series = null;
    try {
      series = client.seriesCount();
    } catch (PrometheusUnavailableException e) {
      issues.add("Series count unavailable: " + e.getMessage());
    }
    Double interval = null;
    try {
      interval = seconds(client.scrapeInterval());
    } catch (PrometheusUnavailableException e) {
      issues.add("Scrape interval unavailable: " + e.getMessage());
    }
    return reachable(client.url(), targets, series, interval, issues);
  }

  /** The health of a Prometheus that answered with {@code targets}. */
  static StackHealth reachable(
      String url, List<ScrapeTarget> targets, Long series, Double interval, List<String> more) {
    int up = ScrapeTarget.count(targets, ScrapeTarget.UP);
    int down = ScrapeTarget.count(targets, ScrapeTarget.DOWN);
    List<String> issues = new ArrayList<>();
    if (targets.isEmpty()) {
      issues.add("Prometheus has no active scrape targets");
    }
    for (ScrapeTarget target : targets) {
      if (target.health().equals(ScrapeTarget.DOWN)) {
        issues.add(
            "Target "
                + target.instance()
                + " of job "
                + target.job()
                + " is down"
                + (target.lastError() == null ? "" : ": " + target.lastError()));
      }
    }
    boolean healthy = StackHealth.healthy(true, up, down);
    if (!healthy) {
      issues.add(down + " of " + (up + down) + " scraped targets are down");
    }
    if (targets.stream().noneMatch(t -> t.job().equals(KnownExporter.ORCHESTRATOR))) {
      issues.add("Prometheus has no target of job " + KnownExporter.ORCHESTRATOR);
    }
    issues.addAll(more);
    Instant last =
        targets.stream()
            .filter(t -> t.health().equals(ScrapeTarget.UP) && t.lastScrape() != null)
            .map(ScrapeTarget::lastScrape)
            .max(Comparator.naturalOrder())
            .orElse(null);
    return new StackHealth(
        healthy,
        true,
        url,
        jobs(targets),
        exporters(targets, "not scraped by Prometheus"),
        new MetricsCollection(up > 0, last, interval, series),
        issues);
  }

  private static StackHealth unreachable(String url, String why) {
    return new StackHealth(
        false,
        false,
        url,
        List.of(),
        exporters(List.of(), "Prometheus unavailable"),
        MetricsCollection.NONE,
        List.of(why));
  }

  private static List<JobTargets> jobs(List<ScrapeTarget> targets) {
    List<JobTargets> jobs = new ArrayList<>();
    for (String job : ScrapeTarget.jobs(targets)) {
      List<ScrapeTarget> mine = targets.stream().filter(t -> t.job().equals(job)).toList();
      jobs.add(
          new JobTargets(
              job,
              mine.size(),
              ScrapeTarget.count(mine, ScrapeTarget.UP),
              ScrapeTarget.count(mine, ScrapeTarget.DOWN),
              ScrapeTarget.count(mine, ScrapeTarget.UNKNOWN)));
    }
    return jobs;
  }

  private static List<ExporterStatus> exporters(List<ScrapeTarget> targets, String unscraped) {
    List<ExporterStatus> exporters = new ArrayList<>();
    for (KnownExporter exporter : KnownExporter.ALL) {
      List<ScrapeTarget> mine =
          targets.stream().filter(t -> t.job().equals(exporter.name())).toList();
      if (mine.isEmpty()) {
        exporters.add(
            new ExporterStatus(
                exporter.name(),
                ScrapeTarget.UNKNOWN,
                exporter.defaultEndpoint(),
                null,
                unscraped));
      }
      for (ScrapeTarget target : mine) {
        exporters.add(
            new ExporterStatus(
                exporter.name(),
                target.health(),
                target.instance(),
                target.lastScrape(),
                target.health().equals(ScrapeTarget.UNKNOWN) && target.lastError() == null
                    ? "not scraped yet"
                    : target.lastError()));
      }
    }
    return exporters;
  }

  private static double seconds(Duration interval) {
    return interval.toMillis() / 1000.0;
  }
}
