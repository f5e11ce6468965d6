package org.rpa.server.worker;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rpa.core.job.JobId;
import org.rpa.core.remote.RemoteJob;
import org.rpa.server.Timestamps;
import org.rpa.server.WorkerConfig;
import org.rpa.server.http.BodyLimit;
import org.rpa.server.http.ErrorMapper;
import org.rpa.server.http.JettyErrorHandler;
import org.rpa.server.http.MethodOverrides;
import org.rpa.server.http.SecurityHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker service's HTTP side: the IP allow-list before every route, the shared token on all but
 * {@code /health}, the four documented routes and {@code /metrics/prometheus}, and every error
 * (Jetty's own, unknown routes, oversized bodies, bad input) as the orchestrator's {@code {detail,
 * error_type, timestamp}} through its {@link ErrorMapper} and {@link JettyErrorHandler}.
 */
final class WorkerRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerRoutes.class);

  private WorkerRoutes() {}

  /** Refused with a status and an error type. */
  static final class Refused extends RuntimeException {
    final int status;
    final String type;

    Refused(int status, String type, String detail) {
      super(detail, null, false, false);
      this.status = status;
      this.type = type;
    }
  }

  static Javalin create(WorkerService service) {
    WorkerConfig config = service.config();
    return Javalin.create(
        cfg -> {
          cfg.startup.showJavalinBanner = false;
          cfg.jsonMapper(new JavalinJackson(WorkerProtocol.MAPPER, false));
          cfg.http.maxRequestSize = 1_048_576;
          cfg.jetty.modifyServer(
              server -> server.setErrorHandler(new JettyErrorHandler(service.clock())));
          ErrorMapper errors = new ErrorMapper(service.clock());
          errors.register(cfg.routes);
          cfg.routes.before(ctx -> SecurityHeaders.common(ctx, false));
          cfg.routes.before(ctx -> checkAddress(config, ctx));
          cfg.routes.before(MethodOverrides::refuse);
          cfg.routes.before(BodyLimit.of(cfg.http.maxRequestSize));
          cfg.routes.get("/health", ctx -> health(service, ctx));
          cfg.routes.get("/status", ctx -> ctx.json(authorized(config, ctx, service.status())));
          cfg.routes.get("/status/{job_id}", ctx -> jobStatus(service, ctx));
          cfg.routes.post("/execute", ctx -> execute(service, ctx));
          cfg.routes.get("/metrics/prometheus", ctx -> metrics(service, ctx));
          cfg.routes.exception(
              Refused.class, (e, ctx) -> errors.render(ctx, e.status, e.type, e.getMessage()));
          cfg.routes.exception(
              WorkerProtocol.BadInput.class,
              (e, ctx) -> errors.render(ctx, 400, "ValidationError", e.getMessage()));
        });
  }

  private static void checkAddress(WorkerConfig config, Context ctx) {
    String address = config.clientAddress().of(ctx);
    if (config.allowList().allows(address)) {
      return;
    }
    if (config.developmentMode() && loopback(address)) {
      return;
    }
    LOG.warn("Refused {} {} from unauthorized IP address {}", ctx.method(), ctx.path(), address);
    ctx.status(403).json(Map.of("detail", "Unauthorized IP address"));
    ctx.skipRemainingHandlers();
  }

  private static boolean loopback(String address) {
    String literal = address.startsWith("[") ? address.substring(1, address.length() - 1) : address;
    try {
      return literal.matches("[0-9a-fA-F:.]+")
          && InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static <T> T authorized(WorkerConfig config, Context ctx, T body) {
    checkToken(config, ctx);
    return body;
  }

  static void checkToken(WorkerConfig config, Context ctx) {
    String token = config.authToken();
    if (token == null) {
      return;
    }
    String header = ctx.header("Authorization");
    boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    if (!bearer
        || !MessageDigest.isEqual(
            header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
            token.getBytes(StandardCharsets.UTF_8))) {
      throw new Refused(401, "AuthenticationError", "Could not validate credentials");
    }
  }

  private static void health(WorkerService service, Context ctx) {
    var body = new LinkedHashMap<String, Object>();
    body.put("status", "healthy");
    body.put("timestamp", Timestamps.format(service.clock().instant()));
    body.put("active_jobs", service.jobs().active());
    ctx.json(body);
  }

  private static void metrics(WorkerService service, Context ctx) {
    checkToken(service.config(), ctx);
    ctx.contentType(WorkerMetricsText.CONTENT_TYPE)
        .result(WorkerMetricsText.render(service, service.uptime()));
  }

  private static void execute(WorkerService service, Context ctx) {
    checkToken(service.config(), ctx);
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new Refused(415, "UnsupportedMediaTypeError", "Content-Type must be application/json");
    }
    RemoteJob job = JobCodec.readExecute(ctx.bodyAsBytes());
    WorkerJobs.Acceptance acceptance = service.execute(job);
    if (acceptance == WorkerJobs.Acceptance.AT_CAPACITY) {
      ctx.header("Retry-After", "1");
      throw new Refused(
          429,
          "CapacityError",
          "Worker is at capacity (" + service.jobs().capacity() + " jobs); try another");
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("job_id", job.jobId());
    body.put("status", "accepted");
    body.put("attempt", job.attempt());
    body.put("worker_id", service.workerId());
    ctx.status(202).json(body);
  }

  private static void jobStatus(WorkerService service, Context ctx) {
    checkToken(service.config(), ctx);
    long jobId = JobId.parse(ctx.pathParam("job_id")).value();
    var body = new LinkedHashMap<String, Object>();
    body.put("job_id", jobId);
    var found = service.jobs().find(jobId);
    if (found.isEmpty()) {
      body.put("status", "not_found");
      body.put("message", "No status information for job " + jobId);
      ctx.json(body);
      return;
    }
    WorkerJobs.Entry entry = found.get();
    var result = entry.result;
    body.put(
        "status", result == null ? "running" : result.error() == null ? "completed" : "failed");
    if (result != null) {
      body.put("result", resultView(entry, result));
    }
    body.put("start_time", format(entry.startedAt == null ? entry.acceptedAt : entry.startedAt));
    body.put("end_time", format(entry.finishedAt));
    body.put("attempt", entry.job.attempt());
    if (result != null) {
      body.put("callback", ResultCodec.result(result, service.workerId()));
    }
    ctx.json(body);
  }

  /**
   * A finished attempt's {@code result}: the handler's result as it returned it when it succeeded;
   * on failure {@code {error, error_type, details:{provider, action, retry_count}}}, where {@code
   * retry_count} is the attempts made so far, this one included (the orchestrator's attempt number:
   * 3 for a job that failed on its third attempt).
   */
  private static Map<String, Object> resultView(
      WorkerJobs.Entry entry, org.rpa.core.remote.RemoteResult result) {
    var view = new LinkedHashMap<String, Object>();
    if (result.error() == null) {
      view.putAll(result.result());
      return view;
    }
    view.put("error", result.error().message());
    view.put("error_type", result.error().type());
    var details = new LinkedHashMap<String, Object>();
    details.put("provider", entry.job.provider());
    details.put("action", entry.job.action());
    details.put("retry_count", entry.job.attempt());
    view.put("details", details);
    return view;
  }

  private static String format(Instant instant) {
    return instant == null ? null : Timestamps.format(instant);
  }
}
