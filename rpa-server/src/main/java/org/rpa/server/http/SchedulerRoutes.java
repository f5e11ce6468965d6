package org.rpa.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import org.rpa.core.schedule.SchedulerStatus;
import org.rpa.core.schedule.TaskStatus;
import org.rpa.server.Timestamps;
import org.rpa.server.security.Permission;

/**
 * The troubleshooting routes: {@code GET /scheduler}, {@code POST /scheduler/reset}, {@code POST
 * /process} and {@code POST /recover}.
 *
 * <p>Thread-safe.
 */
public final class SchedulerRoutes {
  /**
   * @param trigger as the documented API writes it: {@code interval[0:00:30]} or {@code cron}
   * @param schedule the cron expression and time zone of a cron task ({@code 0 2 * * *,
   *     Africa/Johannesburg}), else null
   */
  record Task(
      String id,
      String function,
      String trigger,
      @JsonInclude(JsonInclude.Include.NON_NULL) String schedule,
      String nextRun) {}

  record SchedulerBody(boolean running, int jobCount, List<Task> jobs) {}

  record ResetBody(String status, String message, int jobCount) {}

  record ProcessBody(String status) {}

  record RecoverBody(String status, int recoveredJobs, int expiredJobs) {}

  private final ServerContext context;

  public SchedulerRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
            "/scheduler",
            "scheduler",
            "Background tasks with trigger and next run",
            SchedulerBody.class,
            this::status),
        ApiRoute.route(
                "/scheduler/reset",
                "scheduler",
                "Re-create the background tasks",
                ResetBody.class,
                this::reset)
            .post(200)
            .secured(Permission.SCHEDULER_RESET),
        ApiRoute.route(
                "/process",
                "scheduler",
                "Wake the dispatcher now",
                ProcessBody.class,
                this::process)
            .post(200)
            .secured(Permission.SCHEDULER_PROCESS),
        ApiRoute.route(
                "/recover",
                "scheduler",
                "Recover jobs whose lease was lost",
                RecoverBody.class,
                this::recover)
            .post(200)
            .secured(Permission.JOB_RECOVER));
  }

  private void status(Context ctx) {
    SchedulerStatus status = context.orchestrator().schedules().status();
    ctx.json(
        new SchedulerBody(
            status.running(),
            status.jobCount(),
            status.jobs().stream().map(SchedulerRoutes::task).toList()));
  }

  private void reset(Context ctx) {
    int count = context.orchestrator().schedules().reset();
    ctx.json(new ResetBody("success", "Scheduler reset and reconfigured successfully", count));
  }

  private void process(Context ctx) {
    context.orchestrator().process();
    ctx.json(new ProcessBody("Job processing initiated"));
  }

  private void recover(Context ctx) {
    var report = context.orchestrator().recover();
    ctx.json(new RecoverBody("success", report.recovered(), report.expired()));
  }

  private static Task task(TaskStatus task) {
    String trigger = task.triggerDescription();
    boolean cron = trigger.startsWith("cron[") && trigger.endsWith("]");
    return new Task(
        task.id(),
        task.function(),
        cron ? "cron" : trigger,
        cron ? trigger.substring(5, trigger.length() - 1) : null,
        task.nextRun() == null ? null : Timestamps.format(task.nextRun()));
  }
}
