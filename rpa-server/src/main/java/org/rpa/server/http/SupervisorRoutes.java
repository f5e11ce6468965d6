package org.rpa.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.supervise.LoopStatus;
import org.rpa.core.supervise.RestartEvent;
import org.rpa.core.supervise.RestartHistoryPage;
import org.rpa.core.supervise.Supervisor;
import org.rpa.core.supervise.UnknownLoopException;
import org.rpa.server.security.AuthFilter;
import org.rpa.server.security.Permission;
import org.rpa.server.security.Principal;

/**
 * The supervisor: the supervised background loops (the API's "workers") with their status, start,
 * stop, restart and reset, and the restart history the store keeps. A name not matching {@code
 * ^[a-zA-Z][a-zA-Z0-9_]*$} is 400, an unknown one 404, an action the loop's state does not allow
 * (starting a running loop) 400, and an action while the supervisor is not running 503. Stopping a
 * critical loop also needs {@link Permission#SUPERVISOR_STOP_CRITICAL}, and the check is audited on
 * its own line.
 *
 * <p>Thread-safe.
 */
public final class SupervisorRoutes {
  static final String BASE = "/api/system/supervisor";
  static final int DEFAULT_LIMIT = 50;

  /** The supervisor and its loops. */
  record SupervisorBody(
      boolean running, int workerCount, List<SupervisedWorkerView> workers, String timestamp) {}

  /** One loop: {@code status} running, stopped, crashed, restarting or failed. */
  record SupervisedWorkerView(
      String name,
      String status,
      int restartCount,
      int maxRestarts,
      String lastStartedAt,
      String lastCrashedAt,
      String error,
      boolean critical) {}

  /** The answer of start, stop and restart. */
  record WorkerActionBody(boolean success, String message, String workerName) {}

  /** The answer of reset. */
  record WorkerResetBody(boolean success, String message) {}

  /** A page of restart events, newest first. */
  record RestartHistoryBody(List<RestartEventView> items, RestartPagination pagination) {}

  /**
   * One event: {@code status} success, crashed, failed or manual; {@code executor_id} (ours) the
   * process that recorded it.
   */
  record RestartEventView(
      String workerName,
      String timestamp,
      int attempt,
      String status,
      String error,
      String executorId) {}

  record RestartPagination(int total, int limit, int offset, int itemsCount, boolean hasMore) {}

  private final ServerContext context;
  private final AuthFilter auth;

  public SupervisorRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
    this.auth = new AuthFilter(context.tokens(), context.users());
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
                BASE,
                "supervisor",
                "The supervisor and every supervised background loop with its status",
                SupervisorBody.class,
                this::status)
            .secured(Permission.MONITORING_READ),
        ApiRoute.route(
                BASE + "/status",
                "supervisor",
                "Alias of GET /api/system/supervisor",
                SupervisorBody.class,
                this::status)
            .secured(Permission.MONITORING_READ),
        action("start", "Starts a stopped, crashed or failed loop", this::start),
        action(
            "stop",
            "Stops a running loop; a critical one (dispatcher, writer, heartbeat) also needs "
                + Permission.SUPERVISOR_STOP_CRITICAL,
            this::stop),
        action("restart", "Stops a loop if it runs, then starts it", this::restart),
        ApiRoute.route(
                BASE + "/reset/{name}",
                "supervisor",
                "Sets a loop's restart count to 0; a failed loop is started again",
                WorkerResetBody.class,
                this::reset)
            .post(200)
            .secured(Permission.SUPERVISOR_CONTROL)
            .errors(503),
        ApiRoute.route(
                BASE + "/restart-history",
                "supervisor",
                "Restart events of every loop, newest first (limit 1 to 100, default 50)",
                RestartHistoryBody.class,
                this::history)
            .query("worker_name", "limit", "offset")
            .secured(Permission.MONITORING_READ));
  }

  private ApiRoute action(String verb, String summary, io.javalin.http.Handler handler) {
    return ApiRoute.route(
            BASE + "/workers/{name}/" + verb,
            "supervisor",
            summary,
            WorkerActionBody.class,
            handler)
        .post(200)
        .secured(Permission.SUPERVISOR_CONTROL)
        .errors(503);
  }

  private Supervisor supervisor() {
    return context.orchestrator().supervisor();
  }

  private void status(Context ctx) {
    List<SupervisedWorkerView> workers =
        supervisor().loops().stream().map(SupervisorRoutes::view).toList();
    ctx.json(new SupervisorBody(supervisor().isRunning(), workers.size(), workers, context.now()));
  }

  private void start(Context ctx) {
    String name = loopName(ctx);
    act(name, () -> supervisor().startLoop(name));
    ctx.json(new WorkerActionBody(true, "Worker '" + name + "' started successfully", name));
  }

  private void stop(Context ctx) {
    String name = loopName(ctx);
    if (find(name).critical()) {
      authorizeCriticalStop(ctx, name);
    }
    act(name, () -> supervisor().stopLoop(name));
    ctx.json(new WorkerActionBody(true, "Worker '" + name + "' stopped successfully", name));
  }

  private void restart(Context ctx) {
    String name = loopName(ctx);
    act(name, () -> supervisor().restartLoop(name));
    ctx.json(new WorkerActionBody(true, "Worker '" + name + "' restarted successfully", name));
  }

  private void reset(Context ctx) {
    String name = loopName(ctx);
    act(name, () -> supervisor().resetLoop(name));
    ctx.json(new WorkerResetBody(true, "Worker '" + name + "' restart count reset"));
  }

  private void history(Context ctx) {
    int limit = MonitoringQueries.limit(ctx, DEFAULT_LIMIT, 100);
    int offset = MonitoringQueries.offset(ctx);
    RestartHistoryPage page =
        supervisor().history().page(ctx.queryParam("worker_name"), limit, offset);
    ctx.json(
        new RestartHistoryBody(
            page.items().stream().map(SupervisorRoutes::view).toList(),
            new RestartPagination(
                page.total(), page.limit(), page.offset(), page.itemsCount(), page.hasMore())));
  }

  /** The path's loop name: 400 when it is not a valid name, 503 when the supervisor is stopped. */
  private String loopName(Context ctx) {
    String name = ctx.pathParam("name");
    if (!Supervisor.NAME.matcher(name).matches()) {
      throw new InvalidRequestException("name", name, "must match " + Supervisor.NAME.pattern());
    }
    if (!supervisor().isRunning()) {
      throw new ApiException(503, "ServiceUnavailableError", "The supervisor is not running");
    }
    return name;
  }

  private LoopStatus find(String name) {
    return supervisor().loop(name).orElseThrow(() -> notFound(name));
  }

  /**
   * The caller (already allowed {@link Permission#SUPERVISOR_CONTROL}) must also be allowed to stop
   * a critical loop; the decision is audited either way.
   */
  private void authorizeCriticalStop(Context ctx, String name) {
    Principal principal = auth.require(ctx.header("Authorization"), Permission.SUPERVISOR_CONTROL);
    boolean allowed = principal.role().allows(Permission.SUPERVISOR_STOP_CRITICAL);
    context
        .audit()
        .record(
            principal.username(),
            Permission.SUPERVISOR_STOP_CRITICAL,
            ctx.path(),
            context.clientAddress(ctx),
            allowed ? "allowed" : "refused");
    if (!allowed) {
      throw new AuthFilter.PermissionDeniedException(Permission.SUPERVISOR_STOP_CRITICAL);
    }
  }

  /** Runs a supervisor action: an unknown loop is 404, a state that forbids the action 400. */
  private static void act(String name, Runnable action) {
    try {
      action.run();
    } catch (UnknownLoopException e) {
      throw notFound(name);
    } catch (IllegalStateException e) {
      throw ApiException.validation(e.getMessage());
    }
  }

  private static ApiException notFound(String name) {
    return new ApiException(404, "NotFoundError", "Worker '" + name + "' not found");
  }

  private static SupervisedWorkerView view(LoopStatus loop) {
    return new SupervisedWorkerView(
        loop.name(),
        loop.status().name().toLowerCase(Locale.ROOT),
        loop.restartCount(),
        loop.maxRestarts(),
        Figures.instant(loop.lastStartedAt()),
        Figures.instant(loop.lastCrashedAt()),
        loop.error(),
        loop.critical());
  }

  private static RestartEventView view(RestartEvent event) {
    return new RestartEventView(
        event.loopName(),
        Figures.instant(event.timestamp()),
        event.attempt(),
        event.status().name().toLowerCase(Locale.ROOT),
        event.error(),
        event.executorId());
  }
}
