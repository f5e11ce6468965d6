package org.rpa.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import org.rpa.automation.browser.SessionView;
import org.rpa.server.security.Permission;

/**
 * {@code GET /browser-services}: the browser sessions of the pool (local Chromium or a Selenium
 * Grid), idle or busy, with the job using each and its age. Browsers start on demand, so the list
 * is empty until a job has needed one, and idle ones are closed after {@code BROWSER_IDLE_TIMEOUT}
 * minutes.
 *
 * <p>Thread-safe.
 */
public final class BrowserRoutes {
  record Service(
      String id,
      String kind,
      String status,
      Long jobId,
      String account,
      String createdAt,
      String lastUsedAt,
      long ageSeconds,
      int jobsServed) {}

  record ServicesBody(
      List<Service> services,
      int count,
      int active,
      String backend,
      int maxSessions,
      long idleTimeoutMinutes,
      String timestamp) {}

  private final ServerContext context;

  public BrowserRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
                "/browser-services",
                "browser",
                "Browser sessions: local Chromium or grid, idle or busy, job and age",
                ServicesBody.class,
                this::list)
            .secured(Permission.BROWSER_READ));
  }

  private void list(Context ctx) {
    List<Service> services =
        context.automation().sessions().stream().map(BrowserRoutes::service).toList();
    var config = context.config();
    ctx.json(
        new ServicesBody(
            services,
            services.size(),
            (int) services.stream().filter(s -> s.status().equals("busy")).count(),
            config.browserGridUrl() == null ? "local" : "grid",
            config.browserMaxSessions(),
            config.browserIdleTimeout().toMinutes(),
            context.now()));
  }

  private static Service service(SessionView session) {
    return new Service(
        session.id(),
        session.kind(),
        session.state(),
        session.job().map(BrowserRoutes::jobId).orElse(null),
        session.account(),
        JobViews.time(session.createdAt()),
        JobViews.time(session.lastUsedAt()),
        session.age() == null ? 0 : session.age().toSeconds(),
        session.jobsServed());
  }

  private static Long jobId(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
