package org.rpa.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.rpa.core.resilience.BreakerSummary;
import org.rpa.core.resilience.BreakerView;
import org.rpa.core.resilience.Breakers;
import org.rpa.server.security.Permission;

/**
 * The circuit breakers: {@code GET /api/system/circuit-breakers} lists every breaker of the
 * orchestrator's registry ({@link Breakers}: each remote worker, each provider portal, the callback
 * receiver, the browser grid, and any an embedder registers) with its state, failure rate, calls,
 * critical flag and URL, and the {@code circuit_breakers} summary the full health shows too; {@code
 * POST /api/system/circuit-breakers/{name}/reset} closes one and forgets its calls (audited, like
 * every secured POST, by {@link HttpApp}).
 *
 * <p>States are the API's words: {@code closed}, {@code open}, {@code half_open}. A breaker that
 * code forced open shows {@code open}; a disabled or metrics-only one lets calls through and shows
 * {@code closed}, as the summary counts them.
 *
 * <p>Thread-safe.
 */
public final class BreakerRoutes {
  /**
   * One breaker.
   *
   * @param failureRate the failure percentage over the sliding window, or null while fewer than
   *     {@code minimumNumberOfCalls} calls are recorded
   * @param url where the service lives, or null
   */
  record BreakerItem(
      String name,
      String displayName,
      String state,
      Double failureRate,
      double failureRateThreshold,
      int minimumNumberOfCalls,
      BreakerCalls calls,
      boolean critical,
      String url) {}

  /** The calls resilience4j keeps: those in the sliding window, and those refused while open. */
  record BreakerCalls(int buffered, int failed, int successful, int slow, long notPermitted) {}

  /** The {@code circuit_breakers} object: counts by state and name → state. */
  record BreakerCounts(
      int total, int open, int halfOpen, int closed, Map<String, String> breakers) {}

  record BreakersBody(List<BreakerItem> circuitBreakers, BreakerCounts summary, String timestamp) {}

  record BreakerResetBody(
      boolean success, String message, String name, String previousState, String state) {}

  private final ServerContext context;

  public BreakerRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
                "/api/system/circuit-breakers",
                "monitoring",
                "Every named circuit breaker (remote workers, provider portals, callback"
                    + " receiver, browser grid) with state, failure rate, calls, critical flag"
                    + " and URL",
                BreakersBody.class,
                this::list)
            .secured(Permission.MONITORING_READ),
        ApiRoute.route(
                "/api/system/circuit-breakers/{name}/reset",
                "monitoring",
                "Resets a circuit breaker to closed and forgets its calls; 400 when the name"
                    + " does not match "
                    + Breakers.NAME_PATTERN.pattern()
                    + ", 404 when no breaker has it",
                BreakerResetBody.class,
                this::reset)
            .post(200)
            .secured(Permission.BREAKER_RESET));
  }

  private Breakers breakers() {
    return context.orchestrator().breakers();
  }

  private void list(Context ctx) {
    List<BreakerItem> items = breakers().all().stream().map(BreakerRoutes::item).toList();
    ctx.json(new BreakersBody(items, counts(breakers().summary()), context.now()));
  }

  private void reset(Context ctx) {
    String name = ctx.pathParam("name");
    if (!Breakers.NAME_PATTERN.matcher(name).matches()) {
      throw ApiException.validation(
          "Circuit breaker names must match " + Breakers.NAME_PATTERN.pattern());
    }
    String before = state(breakers().reset(name));
    String after = breakers().view(name).map(view -> state(view.state())).orElse("closed");
    ctx.json(
        new BreakerResetBody(
            true, "Circuit breaker '" + name + "' reset to closed", name, before, after));
  }

  private static BreakerItem item(BreakerView view) {
    return new BreakerItem(
        view.name(),
        view.displayName(),
        state(view.state()),
        view.failureRate() < 0 ? null : (double) view.failureRate(),
        view.failureRateThreshold(),
        view.minimumNumberOfCalls(),
        new BreakerCalls(
            view.bufferedCalls(),
            view.failedCalls(),
            view.successfulCalls(),
            view.slowCalls(),
            view.notPermittedCalls()),
        view.critical(),
        view.url());
  }

  static BreakerCounts counts(BreakerSummary summary) {
    Map<String, String> states = new TreeMap<>();
    summary.breakers().forEach((name, state) -> states.put(name, state(state)));
    return new BreakerCounts(
        summary.total(), summary.open(), summary.halfOpen(), summary.closed(), states);
  }

  /** The API's words for the registry's states. */
  static String state(String registry) {
    return switch (registry) {
      case "open", "forced_open" -> "open";
      case "half_open" -> "half_open";
      default -> "closed";
    };
  }
}
