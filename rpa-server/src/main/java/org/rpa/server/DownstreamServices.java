package org.rpa.server;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.rpa.automation.BrowserAutomation;
import org.rpa.core.Orchestrator;
import org.rpa.core.health.HealthCheck;
import org.rpa.core.health.ProbedService;
import org.rpa.core.health.ServiceProbe;
import org.rpa.core.health.Services;
import org.rpa.core.resilience.BreakerView;
import org.rpa.server.monitoring.PrometheusClient;

/**
 * Registers the server's downstream services with the orchestrator's {@link Services}, each named
 * as its circuit breaker and probed every {@code HEALTH_PROBE_INTERVAL_SECONDS} with a timeout of
 * {@code HEALTH_PROBE_TIMEOUT_SECONDS}:
 *
 * <ul>
 *   <li>{@code worker-<n>}: each of {@code WORKER_URLS}, {@code GET /health} (2xx);
 *   <li>the browser, when this process runs flows ({@code MAX_WORKERS} above 0): {@code
 *       browser-grid}, the grid's {@code GET /status} (2xx), when {@code BROWSER_GRID_URL} is set,
 *       else {@code browser}, local Chromium: both executables present;
 *   <li>{@code callback}: {@code CALLBACK_ENDPOINT}, a {@code HEAD} that any answer below 500
 *       passes (the receiver takes POSTs);
 *   <li>{@code portal-<provider>}: each portal whose URL is configured, a {@code GET} of its URL
 *       that any answer below 500 passes (a login page may redirect or refuse);
 *   <li>{@code prometheus}: {@code PROMETHEUS_URL}, a {@code GET /-/healthy} that any answer below
 *       500 passes (an authenticating proxy in front of it may refuse).
 * </ul>
 *
 * Another service joins the same way, with {@code orchestrator.services().register(..)}.
 */
final class DownstreamServices {
  static final String PORTAL_PREFIX = "portal-";

  private DownstreamServices() {}

  static void register(Orchestrator orchestrator, ServerConfig config, WorkerConfig workers) {
    Services services = orchestrator.services();
    Duration timeout = config.healthProbeTimeout();
    List<String> urls = workers.workerUrls();
    for (int i = 0; i < urls.size(); i++) {
      String url = urls.get(i);
      services.register(
          ProbedService.builder("worker-" + (i + 1))
              .displayName("Remote worker " + url)
              .url(url)
              .breaker("worker-" + (i + 1))
              .httpGet(URI.create(url + "/health"), timeout)
              .build());
    }
    if (config.runsJobs()) {
      services.register(browser(config, timeout));
    }
    if (workers.callbackEndpoint() != null) {
      String url = workers.callbackEndpoint();
      services.register(
          ProbedService.builder("callback")
              .displayName("Completion callback receiver")
              .url(url)
              .breaker("callback")
              .feature("completion_callbacks")
              .probe(ServiceProbe.httpAnswer("HEAD", URI.create(url), timeout))
              .build());
    }
    if (config.prometheusUrl() != null) {
      String url = PrometheusClient.withoutCredentials(config.prometheusUrl());
      String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
      services.register(
          ProbedService.builder(PrometheusClient.BREAKER_NAME)
              .displayName("Prometheus")
              .url(url)
              .breaker(PrometheusClient.BREAKER_NAME)
              .feature("prometheus_queries")
              .probe(ServiceProbe.httpAnswer("GET", URI.create(base + "/-/healthy"), timeout))
              .build());
    }
    for (BreakerView portal : orchestrator.breakers().all()) {
      if (portal.name().startsWith(PORTAL_PREFIX) && portal.url() != null) {
        String provider = portal.name().substring(PORTAL_PREFIX.length());
        services.register(
            ProbedService.builder(portal.name())
                .displayName(portal.displayName())
                .url(portal.url())
                .breaker(portal.name())
                .feature("portal_" + provider)
                .probe(ServiceProbe.httpAnswer("GET", URI.create(portal.url()), timeout))
                .build());
      }
    }
  }

  private static ProbedService browser(ServerConfig config, Duration timeout) {
    String grid = config.browserGridUrl();
    if (grid != null) {
      String base = grid.endsWith("/") ? grid.substring(0, grid.length() - 1) : grid;
      return ProbedService.builder(BrowserAutomation.GRID_BREAKER)
          .displayName("Selenium Grid")
          .url(grid)
          .breaker(BrowserAutomation.GRID_BREAKER)
          .feature("browser_automation")
          .httpGet(URI.create(base + "/status"), timeout)
          .build();
    }
    Path chromium = config.chromiumPath();
    Path driver = config.chromedriverPath();
    return ProbedService.builder("browser")
        .displayName("Local Chromium")
        .url(chromium.toUri().toString())
        .feature("browser_automation")
        .probe(() -> executables(chromium, driver))
        .build();
  }

  private static HealthCheck executables(Path chromium, Path driver) {
    for (Path path : List.of(chromium, driver)) {
      if (!Files.isExecutable(path)) {
        return HealthCheck.unhealthy(path + " is not an executable file");
      }
    }
    return HealthCheck.healthy("Chromium and chromedriver are installed");
  }
}
