package org.rpa.server.monitoring;

import java.util.List;
import java.util.Objects;

/**
 * An exporter the stack's health reports on, found among Prometheus's targets by its job name.
 *
 * @param name the Prometheus job that scrapes it
 * @param defaultEndpoint where it listens by default, shown while Prometheus does not scrape it
 */
public record KnownExporter(String name, String defaultEndpoint, String description) {
  /** The orchestrator's own job in the shipped {@code prometheus.yml}. */
  public static final String ORCHESTRATOR = "rpa-orchestrator";

  /** The worker services' job in the shipped {@code prometheus.yml}. */
  public static final String WORKER = "rpa-worker";

  /**
   * The exporters of a common monitoring stack (Redis, JSON and blackbox exporters), then ours: the
   * orchestrator and the worker services.
   */
  public static final List<KnownExporter> ALL =
      List.of(
          new KnownExporter("redis-exporter", "redis-exporter:9121", "Redis metrics"),
          new KnownExporter("json-exporter", "json-exporter:7979", "JSON endpoint metrics"),
          new KnownExporter(
              "blackbox-exporter", "blackbox-exporter:9115", "Probe-based monitoring"),
          new KnownExporter(ORCHESTRATOR, "rpa-orchestrator:8620", "The orchestrator's metrics"),
          new KnownExporter(WORKER, "rpa-worker:8621", "The worker services' metrics"));

  public KnownExporter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(defaultEndpoint, "defaultEndpoint");
    Objects.requireNonNull(description, "description");
  }
}
