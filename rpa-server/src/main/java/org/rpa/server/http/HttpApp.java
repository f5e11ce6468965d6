package org.rpa.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.rpa.core.metrics.LatencyRecorder;
import org.rpa.server.ServerConfig;
import org.rpa.server.security.AuthFilter;
import org.rpa.server.security.Cors;
import org.rpa.server.security.Principal;
import org.rpa.server.security.RateLimiter;
import org.rpa.server.security.Tls;

/**
 * Builds the Javalin application inside {@code Javalin.create(cfg -> …)}: the route table (every
 * area's {@link ApiRoute}s, each wrapped with its permission check and audit line), the live
 * streams' WebSocket endpoints, CORS, the per-client rate limit (upgrades to a stream included),
 * TLS, the body limit, the {@link ErrorMapper} and Jetty's meters. The caller starts it.
 */
public final class HttpApp {
  private HttpApp() {}

  /** A configured, not yet started, application. */
  public static Javalin create(ServerContext context) {
    Objects.requireNonNull(context, "context");
    ServerConfig config = context.config();
    AuthFilter auth = new AuthFilter(context.tokens(), context.users());
    Cors cors = new Cors(config.corsOrigins(), config.corsAllowCredentials());
    RateLimiter limiter =
        config.rateLimitPerMinute() == 0
            ? null
            : new RateLimiter(
                config.rateLimitPerMinute(), java.time.Duration.ofMinutes(1), context.clock());
    AtomicReference<List<ApiRoute>> table = new AtomicReference<>(List.of());
    List<ApiRoute> routes = new ArrayList<>();
    routes.addAll(new HealthRoutes(context).routes());
    routes.addAll(new MetricsRoutes(context).routes());
    routes.addAll(new SchedulerRoutes(context).routes());
    routes.addAll(new AuthRoutes(context).routes());
    routes.addAll(new JobRoutes(context).routes());
    routes.addAll(new FleetMetricsRoutes(context).routes());
    routes.addAll(new BrowserRoutes(context).routes());
    routes.addAll(new PrivacyRoutes(context).routes());
    routes.addAll(new CallbackRoutes(context).routes());
    routes.addAll(new SystemRoutes(context).routes());
    routes.addAll(new LogRoutes(context).routes());
    routes.addAll(new AlertRoutes(context).routes());
    routes.addAll(new SupervisorRoutes(context).routes());
    routes.addAll(new BreakerRoutes(context).routes());
    routes.addAll(new EventRoutes().routes());
    routes.addAll(new PerformanceRoutes(context).routes());
    routes.addAll(new PrometheusRoutes(context).routes());
    routes.addAll(new FullHealthRoutes(context).routes());
    routes.addAll(new PipelineRoutes(context).routes());
    routes.addAll(new StreamRoutes(context).routes());
    routes.addAll(new ApiDocsRoutes(table::get, context.version()).routes());
    routes.addAll(new DashboardRoutes().routes());
    table.set(List.copyOf(routes));
    return Javalin.create(
        cfg -> {
          cfg.startup.showJavalinBanner = false;
          cfg.jsonMapper(new JavalinJackson(StrictJson.MAPPER, false));
          LatencyRecorder requests = context.orchestrator().metrics().performance().requests();
          cfg.requestLogger.http((ctx, millis) -> requests.record((long) (millis * 1_000_000)));
          cfg.http.maxRequestSize = config.maxRequestBytes();
          cfg.staticFiles.enableWebjars();
          DashboardRoutes.assets(cfg);
          AtomicReference<org.eclipse.jetty.server.Server> jetty = new AtomicReference<>();
          cfg.jetty.modifyServer(
              server -> {
                server.setErrorHandler(new JettyErrorHandler(context.clock(), config.tls()));
                // Each open connection holds its buffers and header cache: past the limit, new
                // ones wait in the kernel's accept queue rather than in the heap.
                server.addBean(new NetworkConnectionLimit(config.maxConnections(), server));
                jetty.set(server);
              });
          // Once Javalin has added the connectors and the handler, before Jetty starts.
          cfg.events.serverStarting(() -> context.meters().bindJetty(jetty.get()));
          if (config.tls()) {
            var factory = Tls.contextFactory(config.sslCertPath(), config.sslKeyPath());
            cfg.jetty.addConnector(
                (server, http) ->
                    Tls.connector(server, http, factory, config.host(), config.port()));
          }
          new ErrorMapper(context.clock()).register(cfg.routes);
          cfg.routes.before(ctx -> SecurityHeaders.common(ctx, config.tls()));
          cfg.routes.before(MethodOverrides::refuse);
          cfg.routes.before(BodyLimit.of(config.maxRequestBytes()));
          cfg.routes.before(
              ctx -> {
                if (cors.apply(ctx)) {
                  ctx.skipRemainingHandlers();
                  return;
                }
                if (limiter != null && !ctx.path().equals(CallbackRoutes.PATH)) {
                  throttle(limiter, context.clientAddress(ctx));
                }
              });
          if (limiter != null) {
            cfg.routes.wsBeforeUpgrade(ctx -> throttle(limiter, context.clientAddress(ctx)));
          }
          context.streams().register(cfg.routes);
          for (ApiRoute route : table.get()) {
            cfg.routes.addEndpoint(
                new io.javalin.router.Endpoint(
                    route.operation().method(),
                    route.operation().path(),
                    ctx -> handle(context, auth, route, ctx)));
          }
        });
  }

  /** The route table of {@code app}, for tests: what Javalin serves. */
  public static List<String> servedRoutes(Javalin app) {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(p -> p.endpoint.method.isHttpMethod())
        .map(p -> p.endpoint.method.name() + " " + p.endpoint.path)
        .toList();
  }

  /** On a protected route, a query parameter it does not take is a 400, as an unknown field is. */
  private static void checkQuery(ApiRoute route, Context ctx) {
    for (String name : ctx.queryParamMap().keySet()) {
      if (!route.request().queryParameters().contains(name)) {
        throw ApiException.validation("Unknown query parameter '" + name + "'");
      }
    }
  }

  private static void throttle(RateLimiter limiter, String address) {
    RateLimiter.Decision decision = limiter.acquire(address);
    if (!decision.allowed()) {
      throw new ApiException(
          429,
          "RateLimitError",
          "Rate limit exceeded; try again later",
          Map.of("Retry-After", String.valueOf(decision.retryAfterSeconds())));
    }
  }

  private static void handle(ServerContext context, AuthFilter auth, ApiRoute route, Context ctx)
      throws Exception {
    String permission = route.operation().permission();
    HandlerType method = route.operation().method();
    if (permission != null || method == HandlerType.POST) {
      // Authenticated answers and what public POSTs (the token routes) answer are never cached.
      SecurityHeaders.noStore(ctx);
    }
    if (permission == null) {
      // Public probes and pages ignore query strings: load balancers add cache-busters.
      route.handler().handle(ctx);
      return;
    }
    if (method == HandlerType.GET) {
      auth.require(ctx.header("Authorization"), permission);
      checkQuery(route, ctx);
      route.handler().handle(ctx);
      return;
    }
    Principal principal;
    try {
      principal = auth.require(ctx.header("Authorization"), permission);
    } catch (RuntimeException refused) {
      context.audit().record("-", permission, ctx.path(), context.clientAddress(ctx), "refused");
      throw refused;
    }
    String outcome = "failed";
    try {
      checkQuery(route, ctx);
      route.handler().handle(ctx);
      outcome = "ok " + ctx.statusCode();
    } finally {
      context
          .audit()
          .record(
              principal.username(), permission, ctx.path(), context.clientAddress(ctx), outcome);
    }
  }
}
