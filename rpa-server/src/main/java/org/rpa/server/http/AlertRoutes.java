package org.rpa.server.http;

import com.fasterxml.jackson.databind.PropertyNamingStrategies.LowerCamelCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.rpa.core.alert.Alert;
import org.rpa.server.security.Permission;

/**
 * {@code GET /api/system/alerts}: every alert rule with its state as the orchestrator last
 * evaluated it (every 30 seconds), firing ones first.
 *
 * <p>Thread-safe.
 */
public final class AlertRoutes {
  @JsonNaming(LowerCamelCaseStrategy.class)
  record AlertsBody(boolean success, AlertsData data) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record AlertsData(List<AlertView> alerts, long firing, long total) {}

  /** One rule: {@code severity} warning or critical, {@code state} firing or resolved. */
  @JsonNaming(LowerCamelCaseStrategy.class)
  record AlertView(
      String name,
      String severity,
      String state,
      String since,
      String message,
      String evaluatedAt) {}

  private final ServerContext context;

  public AlertRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
                "/api/system/alerts",
                "monitoring",
                "The alert rules with their state (firing or resolved) and since when",
                AlertsBody.class,
                this::alerts)
            .secured(Permission.MONITORING_READ));
  }

  private void alerts(Context ctx) {
    List<Alert> alerts = context.orchestrator().alerts().list();
    var views =
        Stream.concat(
                alerts.stream().filter(Alert::firing),
                alerts.stream().filter(alert -> !alert.firing()))
            .map(AlertRoutes::view)
            .toList();
    long firing = alerts.stream().filter(Alert::firing).count();
    ctx.json(new AlertsBody(true, new AlertsData(views, firing, alerts.size())));
  }

  private static AlertView view(Alert alert) {
    return new AlertView(
        alert.name(),
        alert.severity().name().toLowerCase(Locale.ROOT),
        alert.state().name().toLowerCase(Locale.ROOT),
        Figures.instant(alert.since()),
        alert.message(),
        Figures.instant(alert.evaluatedAt()));
  }
}
